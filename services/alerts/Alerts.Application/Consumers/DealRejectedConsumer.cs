using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Deals;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>Tells the owner their deal was rejected and what the reviewer wants fixed.</summary>
public sealed class DealRejectedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<DealRejected, AlertsDb>(db)
{
    protected override Task HandleAsync(DealRejected message, ConsumeContext<DealRejected> context)
    {
        var alert = Alert.Create(message.OwnerId, AlertSeverity.Warning, AlertCategory.Deal, "Deal rejected",
            $"\"{message.Name}\" was rejected. Reviewer's comment: {message.Comment}",
            AlertSubject.Deal(message.DealId), message.EventId, clock.GetUtcNow());
        return Db.AddAlertsAsync([alert], context.CancellationToken);
    }
}
