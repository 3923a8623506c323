using Loans.Application.Bookings;
using Loans.Application.Persistence;
using Loans.Domain;
using Loans.Domain.Bookings;
using Loans.Domain.Documents;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Loans.Application.Documents;

/// <summary>A document is reached through its booking: whoever may not see the booking gets "not found" for both.</summary>
internal static class BookingDocuments
{
    public static async Task<Result<(LoanBooking Booking, LoanActor Actor)>> ReadableBookingAsync(this LoansDb db, ICurrentUser user, Guid bookingId, CancellationToken cancellationToken)
    {
        var actor = user.AsLoanActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var booking = await db.VisibleBookingAsync(bookingId, actor.Value, cancellationToken);
        return booking is null ? LoanBookingErrors.NotFound : (booking, actor.Value);
    }

    /// <summary>The document with its booking and the caller, when the caller may see the booking.</summary>
    public static async Task<Result<(LoanBooking Booking, LoanActor Actor, LoanDocument Document)>> ReadableDocumentAsync(
        this LoansDb db, ICurrentUser user, Guid bookingId, Guid documentId, CancellationToken cancellationToken)
    {
        var booking = await db.ReadableBookingAsync(user, bookingId, cancellationToken);
        if (!booking.IsSuccess)
        {
            return booking.Error!;
        }

        var document = await db.Set<LoanDocument>().SingleOrDefaultAsync(d => d.Id == documentId && d.BookingId == bookingId, cancellationToken);
        return document is null ? DocumentErrors.NotFound : (booking.Value.Booking, booking.Value.Actor, document);
    }
}
