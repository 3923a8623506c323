using System.ComponentModel.DataAnnotations;

namespace Portfolio.Application.Market;

/// <summary>How the service keeps its copy of marketdata's closes (<c>Portfolio:MarketData</c>).</summary>
public sealed class MarketDataOptions
{
    public const string Section = "Portfolio:MarketData";

    /// <summary>Between periodic passes; a change of positions starts one at once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How much history a back-fill fetches: enough for 500 one-day scenarios and a year of factor window.</summary>
    [Range(1, 10)]
    public int HistoryYears { get; set; } = 3;

    /// <summary>Symbols per many-symbol history call (marketdata allows 500; smaller keeps each response small).</summary>
    [Range(1, 500)]
    public int HistoryBatchSize { get; set; } = 50;

    /// <summary>An answer marketdata has not given in this time counts as none: the sync tries again on its next pass.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
