using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Loans;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>Tells the officer their approved loan booking was booked, unless they booked it themselves.</summary>
public sealed class LoanBookingBookedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<LoanBookingBooked, AlertsDb>(db)
{
    protected override Task HandleAsync(LoanBookingBooked message, ConsumeContext<LoanBookingBooked> context)
    {
        if (message.BookedBy == message.OfficerId)
        {
            return Task.CompletedTask;
        }

        var alert = Alert.Create(message.OfficerId, AlertSeverity.Info, AlertCategory.Loan, "Loan booked",
            $"{LoanText.Booking(message.Reference, message.Borrower, message.Principal, message.Currency)} was booked: the loan now exists.",
            AlertSubject.LoanBooking(message.BookingId), message.EventId, clock.GetUtcNow());
        return Db.AddAlertsAsync([alert], context.CancellationToken);
    }
}
