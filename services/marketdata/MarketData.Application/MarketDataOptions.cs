using System.ComponentModel.DataAnnotations;

namespace MarketData.Application;

/// <summary>The service's own settings (<c>MarketData:*</c>), validated at start-up.</summary>
public sealed class MarketDataOptions
{
    public const string Section = "MarketData";

    /// <summary>How far back a newly tracked symbol's history is filled.</summary>
    [Range(1, 30)]
    public int HistoryYears { get; set; } = 5;

    /// <summary>Symbols refreshed at once (each on its own connection).</summary>
    [Range(1, 32)]
    public int RefreshConcurrency { get; set; } = 4;

    /// <summary>How often live quotes are polled from the quote provider and published; zero turns ticking off.</summary>
    public TimeSpan QuoteTickInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How long a quote stays in the Redis cache; the database answers after that, or when Redis is down.</summary>
    public TimeSpan QuoteCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Underlyings whose option chain every end-of-day refresh stores; any other is fetched on first request.</summary>
    public string[] OptionUnderlyings { get; set; } = ["SPY", "QQQ", "IWM", "TLT", "AAPL", "MSFT", "NVDA", "AMZN", "TSLA", "JPM"];

    /// <summary>End-of-day option chains kept per underlying (the latest is always kept).</summary>
    [Range(1, 3650)]
    public int OptionChainRetentionDays { get; set; } = 30;

    /// <summary>FX pairs (six letters, base then quote) whose daily rates are stored.</summary>
    public string[] FxPairs { get; set; } = ["EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD"];

    /// <summary>
    /// Symbols tracked when the service first starts on an empty database; empty means the reference
    /// provider's own universe when it has one (the simulated provider's), none otherwise.
    /// </summary>
    public string[] SeedSymbols { get; set; } = [];

    /// <summary>Start tracking the seed symbols and queue their back-fill at start-up.</summary>
    public bool SeedOnStartup { get; set; } = true;
}
