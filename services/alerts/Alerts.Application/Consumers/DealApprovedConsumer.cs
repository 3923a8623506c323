using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Deals;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>Tells the owner their deal was approved, with the reviewer's comment if there is one.</summary>
public sealed class DealApprovedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<DealApproved, AlertsDb>(db)
{
    protected override Task HandleAsync(DealApproved message, ConsumeContext<DealApproved> context)
    {
        var text = string.IsNullOrWhiteSpace(message.Comment)
            ? $"\"{message.Name}\" was approved."
            : $"\"{message.Name}\" was approved. Reviewer's comment: {message.Comment}";
        var alert = Alert.Create(message.OwnerId, AlertSeverity.Info, AlertCategory.Deal, "Deal approved", text,
            AlertSubject.Deal(message.DealId), message.EventId, clock.GetUtcNow());
        return Db.AddAlertsAsync([alert], context.CancellationToken);
    }
}
