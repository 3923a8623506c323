using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Deals;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>
/// Tells every active reviewer that a deal waits for them, except its owner and its submitter: they
/// may not review it (four eyes), so the alert would only be noise.
/// </summary>
public sealed class DealSubmittedForReviewConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<DealSubmittedForReview, AlertsDb>(db)
{
    protected override async Task HandleAsync(DealSubmittedForReview message, ConsumeContext<DealSubmittedForReview> context)
    {
        var reviewers = await Db.Recipients.AsNoTracking()
            .Where(r => r.Active && r.Roles.Contains(RecipientRoles.Reviewer) && r.UserId != message.OwnerId && r.UserId != message.SubmittedBy)
            .Select(r => r.UserId)
            .ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        var alerts = reviewers.Select(reviewer => Alert.Create(
                reviewer,
                AlertSeverity.Info,
                AlertCategory.Deal,
                "Deal awaiting your review",
                $"\"{message.Name}\" was submitted for review.",
                AlertSubject.Deal(message.DealId),
                message.EventId,
                now))
            .ToList();
        await Db.AddAlertsAsync(alerts, context.CancellationToken);
    }
}

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
