using System.ComponentModel.DataAnnotations;
using Platform.ServiceDefaults.Http;

namespace MarketData.Infrastructure.Providers.Http;

/// <summary>
/// Section <c>MarketData:&lt;provider&gt;</c> (<c>Polygon</c>, <c>TwelveData</c>), one named instance per
/// vendor: where it is, the key (from the environment only) and the plan's request budget.
/// </summary>
public sealed class HttpProviderOptions
{
    /// <summary>The vendor's API root; the default is its public address.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Sent in the Authorization header, never in a URL; from <c>MarketData__&lt;provider&gt;__ApiKey</c>.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>What the plan allows per minute (requests for Polygon, credits for Twelve Data), per process.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; }

    /// <summary>Longest wait for a permit of the budget before the call fails with a ProviderException.</summary>
    [Range(0, 10 * 60 * 1000)]
    public int MaxBudgetWaitMs { get; set; } = 60_000;

    /// <summary>Calls that may wait for a permit at once; more fail at once.</summary>
    [Range(0, 10_000)]
    public int MaxQueuedRequests { get; set; } = 100;

    /// <summary>
    /// The resilience timings of this vendor's client: <c>Http:Resilience</c>, overridden by
    /// <c>MarketData:&lt;provider&gt;:Resilience</c>.
    /// </summary>
    public PlatformHttpResilienceOptions Resilience { get; set; } = new();
}
