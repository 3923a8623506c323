using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Messaging.Outbox;

namespace Identity.Application.Persistence;

public static class UserEvents
{
    /// <summary>
    /// Queues a user event in the outbox, written by the next SaveChanges in its transaction. Events
    /// about one user are published in the order they were written (the user is the ordering key).
    /// </summary>
    public static void AddUserEvent(this IdentityDb db, IIntegrationEvent userEvent) =>
        db.AddIntegrationEvent(userEvent, userEvent switch
        {
            UserRegistered e => e.UserId,
            UserRolesChanged e => e.UserId,
            UserDeactivated e => e.UserId,
            UserSynchronized e => e.UserId,
            _ => throw new ArgumentException($"{userEvent.GetType().Name} is not a user event.", nameof(userEvent)),
        });
}
