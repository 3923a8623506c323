using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Loans;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>
/// Tells every active reviewer that a loan booking waits for credit approval, except its officer and
/// its submitter: they may not approve it (four eyes), so the alert would only be noise.
/// </summary>
public sealed class LoanBookingSubmittedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<LoanBookingSubmitted, AlertsDb>(db)
{
    protected override async Task HandleAsync(LoanBookingSubmitted message, ConsumeContext<LoanBookingSubmitted> context)
    {
        var reviewers = await Db.Recipients.AsNoTracking()
            .Where(r => r.Active && r.Roles.Contains(RecipientRoles.Reviewer) && r.UserId != message.OfficerId && r.UserId != message.SubmittedBy)
            .Select(r => r.UserId)
            .ToListAsync(context.CancellationToken);
        var text = $"{LoanText.Booking(message.Reference, message.Borrower, message.Principal, message.Currency)} was submitted for credit approval.";
        var now = clock.GetUtcNow();
        var alerts = reviewers.Select(reviewer => Alert.Create(
                reviewer,
                AlertSeverity.Info,
                AlertCategory.Loan,
                "Loan booking awaiting your review",
                text,
                AlertSubject.LoanBooking(message.BookingId),
                message.EventId,
                now))
            .ToList();
        await Db.AddAlertsAsync(alerts, context.CancellationToken);
    }
}
