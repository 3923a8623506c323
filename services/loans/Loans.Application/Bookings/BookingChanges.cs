using Loans.Application.Persistence;
using Loans.Domain;
using Loans.Domain.Bookings;
using Loans.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>The one way a use case changes a booking: who acts, load what they may see at the expected version, let the aggregate act, save.</summary>
internal static class BookingChanges
{
    /// <summary>The booking if the actor may see it: another officer's booking does not exist for them (404, never 403).</summary>
    public static async Task<LoanBooking?> VisibleBookingAsync(this LoansDb db, Guid bookingId, LoanActor actor, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        return booking is not null && booking.IsVisibleTo(actor) ? booking : null;
    }

    /// <param name="expectedVersion">The client's If-Match version; null when it sent none or <c>*</c>.</param>
    public static Task<Result<LoanBookingView>> ChangeAsync(
        this LoansDb db, ICurrentUser user, Guid bookingId, uint? expectedVersion, Func<LoanBooking, LoanActor, Result> change, CancellationToken cancellationToken) =>
        db.ChangeAsync(user, bookingId, expectedVersion, (booking, actor) => Task.FromResult(change(booking, actor)), cancellationToken);

    /// <param name="change">For a change that needs more than the booking (the product, say), read once it is loaded and found visible.</param>
    public static async Task<Result<LoanBookingView>> ChangeAsync(
        this LoansDb db, ICurrentUser user, Guid bookingId, uint? expectedVersion, Func<LoanBooking, LoanActor, Task<Result>> change, CancellationToken cancellationToken)
    {
        var actor = user.AsLoanActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var booking = await db.VisibleBookingAsync(bookingId, actor.Value, cancellationToken);
        if (booking is null)
        {
            return LoanBookingErrors.NotFound;
        }

        if (expectedVersion is { } version && version != booking.Version)
        {
            return LoanBookingErrors.Stale;
        }

        var changed = await change(booking, actor.Value);
        return changed.IsSuccess ? await db.SaveAsync(booking, cancellationToken) : changed.Error!;
    }

    /// <summary>Saves; a write that landed between our read and this save makes it stale (412), never a silent overwrite.</summary>
    public static async Task<Result<LoanBookingView>> SaveAsync(this LoansDb db, LoanBooking booking, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return LoanBookingErrors.Stale;
        }

        return LoanBookingView.Of(booking);
    }

    public static Task<LoanProduct?> ProductAsync(this LoansDb db, string? code, CancellationToken cancellationToken)
    {
        var normalized = code?.Trim().ToUpperInvariant() ?? string.Empty;
        return db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Code == normalized, cancellationToken);
    }
}
