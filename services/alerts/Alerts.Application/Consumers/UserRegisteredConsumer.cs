using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Identity;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

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
