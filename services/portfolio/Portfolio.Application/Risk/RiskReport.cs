namespace Portfolio.Application.Risk;

/// <summary>A limit as checked by one calculation; <see cref="Actual"/> is in the limit's unit (percent for concentration).</summary>
public sealed record LimitCheck(string Limit, decimal Threshold, decimal Actual, bool Breached, string? Symbol);

/// <summary>Everything a recorded calculation found; stored whole with the calculation and served as is.</summary>
public sealed record RiskReport(
    Guid CalculationId,
    Guid PortfolioId,
    string Currency,
    DateTimeOffset CalculatedAt,
    DateOnly AsOf,
    ExposureFigures Exposure,
    Concentration? LargestName,
    GreekFigures Greeks,
    RiskFigures Risk,
    IReadOnlyList<LimitCheck> Limits,
    IReadOnlyList<UnpricedPosition> Unpriced)
{
    /// <summary>The figure <c>PortfolioRiskCalculated.ValueAtRisk</c> and the VaR limit use: 1-day 99% historical VaR.</summary>
    public decimal ValueAtRisk99OneDay => RiskAnalysis.OneDay99(Risk.Historical);
}

/// <summary>What a calculation used, so any figure can be explained: each price's date, each FX rate, the model's parameters.</summary>
public sealed record RiskInputs(
    int Positions,
    IReadOnlyDictionary<string, DateOnly> PriceDates,
    IReadOnlyDictionary<string, FxInput> FxToBase,
    ScenarioWindow Scenarios,
    RiskOptions Parameters);

public sealed record FxInput(decimal Rate, DateOnly? Date);
