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
