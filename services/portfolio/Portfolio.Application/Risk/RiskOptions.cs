using System.ComponentModel.DataAnnotations;

namespace Portfolio.Application.Risk;

/// <summary>The model's parameters (<c>Portfolio:Risk</c>); every calculation records the values it used.</summary>
public sealed class RiskOptions
{
    public const string Section = "Portfolio:Risk";

    /// <summary>Continuously compounded risk-free rate for option pricing and Sharpe/Sortino (0.045 = 4.5%).</summary>
    [Range(-0.05, 0.5)]
    public double RiskFreeRate { get; set; } = 0.045;

    /// <summary>Continuous dividend yield assumed for every underlying.</summary>
    [Range(0.0, 0.5)]
    public double DividendYield { get; set; }

    /// <summary>Historical scenarios (one-day moves) for historical VaR.</summary>
    [Range(20, 2520)]
    public int Scenarios { get; set; } = 500;

    /// <summary>Daily returns in the factor regression and performance statistics: a trading year.</summary>
    [Range(20, 2520)]
    public int FactorWindow { get; set; } = 252;

    /// <summary>Closes a calculation with history reads per symbol: the longer window and the close before its first return.</summary>
    public int HistoryDays => Math.Max(Scenarios, FactorWindow) + 1;

    /// <summary>Daily returns behind an option's volatility when no implied volatility is known: a quarter.</summary>
    [Range(10, 2520)]
    public int VolatilityWindow { get; set; } = 63;

    /// <summary>The volatility used when an underlying has too little history for a realised one.</summary>
    [Range(0.01, 5.0)]
    public double FallbackVolatility { get; set; } = 0.3;

    /// <summary>Portfolios marked by price updates are recalculated at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RevaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Memory each replica may spend on serialised exposures and greeks (see AnalyticsCache).</summary>
    [Range(0L, 4L * 1024 * 1024 * 1024)]
    public long AnalyticsCacheBytes { get; set; } = 256L * 1024 * 1024;
}
