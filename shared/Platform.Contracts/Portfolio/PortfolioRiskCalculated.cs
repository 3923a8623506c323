namespace Platform.Contracts.Portfolio;

/// <summary>A portfolio's risk was recomputed. <see cref="ValueAtRisk"/> is a positive amount in <see cref="Currency"/>.</summary>
public sealed record PortfolioRiskCalculated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PortfolioId,
    Guid OwnerId,
    string PortfolioName,
    decimal ValueAtRisk,
    decimal ConfidenceLevel,
    string Currency,
    DateTimeOffset AsOf) : IIntegrationEvent;
