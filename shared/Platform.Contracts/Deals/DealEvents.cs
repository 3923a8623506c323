namespace Platform.Contracts.Deals;

// Each event carries what a consumer needs to act without calling deals back: the deal's name for
// a human-readable alert, its owner for who to tell, the actor for who did it.

public sealed record DealCreated(Guid EventId, DateTimeOffset OccurredAt, Guid DealId, string Name, Guid OwnerId, string? TargetTicker, string? AcquirerTicker)
    : IIntegrationEvent;

public sealed record DealUpdated(Guid EventId, DateTimeOffset OccurredAt, Guid DealId, string Name, Guid OwnerId, Guid EditorId, bool ReturnedToDraft)
    : IIntegrationEvent;

public sealed record DealSubmittedForReview(Guid EventId, DateTimeOffset OccurredAt, Guid DealId, string Name, Guid OwnerId, Guid SubmittedBy)
    : IIntegrationEvent;

public sealed record DealApproved(Guid EventId, DateTimeOffset OccurredAt, Guid DealId, string Name, Guid OwnerId, Guid ReviewerId, string? Comment)
    : IIntegrationEvent;

public sealed record DealRejected(Guid EventId, DateTimeOffset OccurredAt, Guid DealId, string Name, Guid OwnerId, Guid ReviewerId, string Comment)
    : IIntegrationEvent;

public sealed record DealDeleted(Guid EventId, DateTimeOffset OccurredAt, Guid DealId, string Name, Guid OwnerId, Guid DeletedBy)
    : IIntegrationEvent;

public sealed record DealRestored(Guid EventId, DateTimeOffset OccurredAt, Guid DealId, string Name, Guid OwnerId, Guid RestoredBy)
    : IIntegrationEvent;
