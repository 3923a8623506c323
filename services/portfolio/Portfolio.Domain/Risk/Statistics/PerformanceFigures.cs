namespace Portfolio.Domain.Risk.Statistics;

/// <summary>Annualised performance of a daily return series; <see cref="MaxDrawdown"/> is a positive fraction of the peak.</summary>
public sealed record PerformanceFigures(
    double AnnualisedReturn,
    double AnnualisedVolatility,
    double Sharpe,
    double Sortino,
    double MaxDrawdown,
    int Observations);
