using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Loans;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>Tells the officer their loan booking was approved, with the reviewer's comment if there is one (nobody is told of their own act).</summary>
public sealed class LoanBookingApprovedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<LoanBookingApproved, AlertsDb>(db)
{
    protected override Task HandleAsync(LoanBookingApproved message, ConsumeContext<LoanBookingApproved> context)
    {
        if (message.ApproverId == message.OfficerId)
        {
            return Task.CompletedTask;
        }

        var text = LoanText.WithComment(
            $"{LoanText.Booking(message.Reference, message.Borrower, message.Principal, message.Currency)} was approved and can be booked.",
            message.Comment);
        var alert = Alert.Create(message.OfficerId, AlertSeverity.Info, AlertCategory.Loan, "Loan booking approved", text,
            AlertSubject.LoanBooking(message.BookingId), message.EventId, clock.GetUtcNow());
        return Db.AddAlertsAsync([alert], context.CancellationToken);
    }
}
