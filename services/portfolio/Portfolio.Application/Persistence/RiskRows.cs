namespace Portfolio.Application.Persistence;

/// <summary>
/// One recorded risk calculation: the headline figures in columns (for history and limits), the full
/// result and the inputs it used (prices' as-of dates, window, parameters) as JSON, so any figure can be explained.
/// </summary>
public sealed class RiskCalculationRow
{
    public Guid Id { get; set; }
    public Guid PortfolioId { get; set; }
    public DateTimeOffset CalculatedAt { get; set; }
    public string CalculatedBy { get; set; } = "";

    /// <summary>The newest price date the calculation used.</summary>
    public DateOnly AsOf { get; set; }

    public string Currency { get; set; } = "";
    public decimal MarketValue { get; set; }
    public decimal GrossExposure { get; set; }
    public decimal NetExposure { get; set; }
    public decimal ValueAtRisk99OneDay { get; set; }
    public decimal DollarDelta { get; set; }
    public string Inputs { get; set; } = "{}";
    public string Result { get; set; } = "{}";
}

/// <summary>Whether each limit of a portfolio was broken at its last calculation: a breach is announced once, on the change.</summary>
public sealed class LimitStateRow
{
    public Guid PortfolioId { get; set; }
    public string Limit { get; set; } = "";
    public bool Breached { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid CalculationId { get; set; }
}
