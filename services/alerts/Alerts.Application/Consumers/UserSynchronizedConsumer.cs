using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Identity;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>A user's whole state, republished by identity on an admin's request: upsert it.</summary>
public sealed class UserSynchronizedConsumer(AlertsDb db) : InboxConsumer<UserSynchronized, AlertsDb>(db)
{
    protected override async Task HandleAsync(UserSynchronized message, ConsumeContext<UserSynchronized> context)
    {
        if (await Db.Recipients.FindAsync([message.UserId], context.CancellationToken) is { } recipient)
        {
            recipient.ApplySnapshot(message.Email, message.DisplayName, message.Roles, message.Active, message.OccurredAt);
        }
        else
        {
            Db.Recipients.Add(Recipient.Synchronized(message.UserId, message.Email, message.DisplayName, message.Roles, message.Active, message.OccurredAt));
        }
    }
}
