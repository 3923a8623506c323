namespace Platform.Contracts.Identity;

public sealed record UserRegistered(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles)
    : IIntegrationEvent;

public sealed record UserRolesChanged(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, IReadOnlyList<string> Roles)
    : IIntegrationEvent;

public sealed record UserDeactivated(Guid EventId, DateTimeOffset OccurredAt, Guid UserId)
    : IIntegrationEvent;

/// <summary>
/// A user's whole current state, republished when an admin asks identity to (after a consumer was
/// deployed late, or to repair a projection). Consumers upsert; it is ordered with the user's other events.
/// </summary>
public sealed record UserSynchronized(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, bool Active)
    : IIntegrationEvent;

/// <summary>
/// Every session of the user ended: refresh tokens are revoked and access tokens issued before
/// <see cref="OccurredAt"/> are refused by the gateway and every service (reason <c>logout_all</c>,
/// <c>user_deactivated</c> or <c>roles_changed</c>). Consumers holding per-session state drop it.
/// </summary>
public sealed record UserSessionsRevoked(Guid EventId, DateTimeOffset OccurredAt, Guid UserId, string Reason)
    : IIntegrationEvent;
