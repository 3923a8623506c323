using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Identity;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

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
