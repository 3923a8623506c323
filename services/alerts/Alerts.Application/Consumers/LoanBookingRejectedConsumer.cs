using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Loans;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>Tells the officer their loan booking was sent back and what the reviewer wants fixed (nobody is told of their own act).</summary>
public sealed class LoanBookingRejectedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<LoanBookingRejected, AlertsDb>(db)
{
    protected override Task HandleAsync(LoanBookingRejected message, ConsumeContext<LoanBookingRejected> context)
    {
        if (message.ReviewerId == message.OfficerId)
        {
            return Task.CompletedTask;
        }

        var text = LoanText.WithComment(
            $"{LoanText.Booking(message.Reference, message.Borrower, message.Principal, message.Currency)} was rejected.",
            message.Comment);
        var alert = Alert.Create(message.OfficerId, AlertSeverity.Warning, AlertCategory.Loan, "Loan booking rejected", text,
            AlertSubject.LoanBooking(message.BookingId), message.EventId, clock.GetUtcNow());
        return Db.AddAlertsAsync([alert], context.CancellationToken);
    }
}
