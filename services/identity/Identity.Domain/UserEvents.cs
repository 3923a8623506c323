using Platform.SharedKernel;

namespace Identity.Domain;

public abstract record UserEvent(Guid UserId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record UserRegisteredEvent(Guid UserId, DateTimeOffset OccurredAt, IReadOnlyList<string> Roles) : UserEvent(UserId, OccurredAt);

public sealed record UserRolesChangedEvent(Guid UserId, DateTimeOffset OccurredAt, IReadOnlyList<string> Roles) : UserEvent(UserId, OccurredAt);

public sealed record UserDeactivatedEvent(Guid UserId, DateTimeOffset OccurredAt) : UserEvent(UserId, OccurredAt);

/// <summary>An admin asked for the user's whole state to be told again (a projection elsewhere started late or drifted).</summary>
public sealed record UserStateRepublishedEvent(Guid UserId, DateTimeOffset OccurredAt, IReadOnlyList<string> Roles) : UserEvent(UserId, OccurredAt);

/// <summary>Every session of the user ended (log-out everywhere, deactivation, role change): access tokens are refused from now on.</summary>
public sealed record UserSessionsRevokedEvent(Guid UserId, DateTimeOffset OccurredAt, string Reason) : UserEvent(UserId, OccurredAt);
