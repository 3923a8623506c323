namespace Platform.Contracts.Identity;

public sealed record UserRegistered(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles)
    : IIntegrationEvent;

public sealed record UserRolesChanged(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, IReadOnlyList<string> Roles)
    : IIntegrationEvent;

public sealed record UserDeactivated(Guid EventId, DateTimeOffset OccurredAt, Guid UserId)
    : IIntegrationEvent;
