using Platform.SharedKernel;

namespace Deals.Domain;

/// <summary>Raised by <see cref="Deal"/>; the event backbone turns them into integration events.</summary>
public abstract record DealEvent(Guid DealId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record DealCreatedEvent(Guid DealId, DateTimeOffset OccurredAt, Guid OwnerId) : DealEvent(DealId, OccurredAt);

public sealed record DealUpdatedEvent(Guid DealId, DateTimeOffset OccurredAt, Guid EditorId, bool ReturnedToDraft) : DealEvent(DealId, OccurredAt);

public sealed record DealSubmittedForReviewEvent(Guid DealId, DateTimeOffset OccurredAt, Guid SubmittedBy) : DealEvent(DealId, OccurredAt);

public sealed record DealApprovedEvent(Guid DealId, DateTimeOffset OccurredAt, Guid ReviewerId, string? Comment) : DealEvent(DealId, OccurredAt);

public sealed record DealRejectedEvent(Guid DealId, DateTimeOffset OccurredAt, Guid ReviewerId, string Comment) : DealEvent(DealId, OccurredAt);

public sealed record DealDeletedEvent(Guid DealId, DateTimeOffset OccurredAt, Guid DeletedBy) : DealEvent(DealId, OccurredAt);

public sealed record DealRestoredEvent(Guid DealId, DateTimeOffset OccurredAt, Guid RestoredBy) : DealEvent(DealId, OccurredAt);
