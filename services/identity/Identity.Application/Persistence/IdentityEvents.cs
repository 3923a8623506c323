using Identity.Domain;
using Platform.Contracts.Identity;
using Platform.Messaging.Outbox;

namespace Identity.Application.Persistence;

/// <summary>What identity tells others about users; the user is the ordering key of its events.</summary>
public sealed class IdentityEvents : IntegrationEventMap
{
    public IdentityEvents()
    {
        Publish<User, UserRegisteredEvent>((user, e) => new UserRegistered(Id(e), e.OccurredAt, e.UserId, user.Email!, user.DisplayName, e.Roles));
        Publish<User, UserRolesChangedEvent>((_, e) => new UserRolesChanged(Id(e), e.OccurredAt, e.UserId, e.Roles));
        Publish<User, UserDeactivatedEvent>((_, e) => new UserDeactivated(Id(e), e.OccurredAt, e.UserId));
        Publish<User, UserSessionsRevokedEvent>((_, e) => new UserSessionsRevoked(Id(e), e.OccurredAt, e.UserId, e.Reason));
        Publish<User, UserStateRepublishedEvent>((user, e) =>
            new UserSynchronized(Id(e), e.OccurredAt, e.UserId, user.Email!, user.DisplayName, e.Roles, user.IsActive));
    }

    private static Guid Id(UserEvent e) => Guid.CreateVersion7(e.OccurredAt);
}
