using Platform.Contracts;

namespace Portfolio.Application.Batch;

/// <summary>
/// "Process this portfolio for this batch": one per portfolio, written to the outbox by the job handler and
/// consumed by every replica from one queue (competing consumers). Internal to the portfolio service, not a
/// cross-service contract; it implements <see cref="IIntegrationEvent"/> only to travel through the outbox.
/// </summary>
public sealed record PortfolioBatchItem(Guid EventId, DateTimeOffset OccurredAt, Guid JobId, string JobType, DateOnly BusinessDate, Guid PortfolioId) : IIntegrationEvent;
