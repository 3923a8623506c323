using System.ComponentModel.DataAnnotations;

namespace Deals.Application.Tickers;

/// <summary>Section <c>Deals:MarketData</c>: how deals asks marketdata about tickers (docs/deals.md).</summary>
public sealed class MarketDataOptions
{
    public const string Section = "Deals:MarketData";

    /// <summary>
    /// The whole call, token included. Short, because a create waits for it: when marketdata is slow the
    /// deal is saved unverified and the verifier asks again, so a longer wait would buy nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Calls in flight at once for one request (an import names many tickers).</summary>
    [Range(1, 16)]
    public int Parallelism { get; set; } = 4;

    /// <summary>How often the verifier looks for unverified tickers that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan VerifyInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the first failed check; it doubles with each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tickers one verifier pass claims.</summary>
    [Range(1, 1000)]
    public int VerifyBatchSize { get; set; } = 100;
}
