namespace Portfolio.Domain.Risk.Statistics;

/// <summary>Value at risk and expected shortfall as positive amounts of loss; zero means no loss at that confidence.</summary>
public readonly record struct TailRisk(double ValueAtRisk, double ExpectedShortfall);
