using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Identity;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

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
