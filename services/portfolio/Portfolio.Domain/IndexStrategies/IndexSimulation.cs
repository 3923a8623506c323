namespace Portfolio.Domain.IndexStrategies;

/// <summary>The index's value at a day's close, in the simulation's currency.</summary>
public readonly record struct IndexPoint(DateOnly Date, double Value);

/// <summary>
/// A rebalance at a day's close: the weights held after it, the target the rule asked for, the one-way
/// turnover the target needed and what was traded (less when the turnover limit binds). The initial
/// allocation buys everything from cash: its turnover is 1.
/// </summary>
public sealed record IndexRebalance(DateOnly Date, bool Initial, double[] Weights, double[] Targets, double TargetTurnover, double Turnover)
{
    public bool Limited => Turnover < TargetTurnover;
}

/// <summary>The largest fall from a running peak (a positive fraction), the peak's and the trough's dates, and when the peak was regained (null if not yet).</summary>
public sealed record Drawdown(double MaxDrawdown, DateOnly? PeakDate, DateOnly? TroughDate, DateOnly? RecoveryDate);

/// <summary>
/// Figures of the value path: total return, annualised (geometric, 252 days a year) return, volatility and
/// Sharpe as <see cref="Risk.Statistics.PerformanceStatistics.FromDailyReturns"/> defines them, and the drawdown.
/// </summary>
public sealed record IndexStatistics(
    DateOnly StartDate,
    DateOnly EndDate,
    int TradingDays,
    double StartValue,
    double EndValue,
    double TotalReturn,
    double AnnualisedReturn,
    double AnnualisedVolatility,
    double Sharpe,
    Drawdown Drawdown);

public sealed record IndexSimulation(IReadOnlyList<IndexPoint> Path, IReadOnlyList<IndexRebalance> Rebalances, IndexStatistics Statistics);
