namespace Platform.Contracts.Portfolio;

/// <summary>
/// A portfolio's risk calculation found a limit broken that was not broken at the previous calculation.
/// Published once per breach: while the limit stays broken, later calculations publish nothing; once
/// it is back inside, the next break is a new breach.
/// </summary>
/// <param name="Limit">The kind of limit: <c>grossExposure</c>, <c>netExposure</c>, <c>valueAtRisk</c> (1-day 99%), <c>concentration</c> (percent of gross exposure in one name) or <c>dollarDelta</c>.</param>
/// <param name="Threshold">The limit as set, in <see cref="Currency"/> (a percentage for <c>concentration</c>).</param>
/// <param name="Actual">The figure that broke it, in the same unit as <see cref="Threshold"/>.</param>
/// <param name="Symbol">For <c>concentration</c>, the name that is too large; otherwise null.</param>
/// <param name="CalculationId">The recorded calculation that found the breach (its inputs and as-of dates explain the figure).</param>
public sealed record RiskLimitBreached(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PortfolioId,
    Guid OwnerId,
    string PortfolioName,
    string Limit,
    decimal Threshold,
    decimal Actual,
    string Currency,
    string? Symbol,
    Guid CalculationId,
    DateTimeOffset AsOf) : IIntegrationEvent;
