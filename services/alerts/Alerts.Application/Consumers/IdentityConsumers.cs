using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Identity;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

// The recipients projection: who exists, with which roles, and who is still active. Each event
// upserts its user; an event older than the row's last one is ignored (see Recipient).

public sealed class UserRegisteredConsumer(AlertsDb db) : InboxConsumer<UserRegistered, AlertsDb>(db)
{
    protected override async Task HandleAsync(UserRegistered message, ConsumeContext<UserRegistered> context)
    {
        if (await Db.Recipients.FindAsync([message.UserId], context.CancellationToken) is { } recipient)
        {
            recipient.ApplyRegistration(message.Email, message.DisplayName, message.Roles, message.OccurredAt);
        }
        else
        {
            Db.Recipients.Add(Recipient.Registered(message.UserId, message.Email, message.DisplayName, message.Roles, message.OccurredAt));
        }
    }
}

public sealed class UserRolesChangedConsumer(AlertsDb db) : InboxConsumer<UserRolesChanged, AlertsDb>(db)
{
    protected override async Task HandleAsync(UserRolesChanged message, ConsumeContext<UserRolesChanged> context)
    {
        var recipient = await Db.Recipients.FindAsync([message.UserId], context.CancellationToken);
        if (recipient is null)
        {
            recipient = Recipient.Placeholder(message.UserId, DateTimeOffset.MinValue);
            Db.Recipients.Add(recipient);
        }

        recipient.ApplyRoles(message.Roles, message.OccurredAt);
    }
}

public sealed class UserDeactivatedConsumer(AlertsDb db) : InboxConsumer<UserDeactivated, AlertsDb>(db)
{
    protected override async Task HandleAsync(UserDeactivated message, ConsumeContext<UserDeactivated> context)
    {
        var recipient = await Db.Recipients.FindAsync([message.UserId], context.CancellationToken);
        if (recipient is null)
        {
            // Kept as a row, so a registration that arrives later (and is older) cannot make the user active again.
            recipient = Recipient.Placeholder(message.UserId, DateTimeOffset.MinValue);
            Db.Recipients.Add(recipient);
        }

        recipient.ApplyDeactivation(message.OccurredAt);
    }
}

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
