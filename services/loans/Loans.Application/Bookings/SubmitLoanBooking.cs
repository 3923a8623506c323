using Loans.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>Sends a draft to credit approval; the product's current ranges are checked again.</summary>
public sealed record SubmitLoanBooking(Guid BookingId, uint? ExpectedVersion) : IRequest<Result<LoanBookingView>>;

internal sealed class SubmitLoanBookingHandler(LoansDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SubmitLoanBooking, Result<LoanBookingView>>
{
    public Task<Result<LoanBookingView>> Handle(SubmitLoanBooking request, CancellationToken cancellationToken) =>
        db.ChangeAsync(user, request.BookingId, request.ExpectedVersion,
            async (booking, actor) => booking.Submit(await db.ProductAsync(booking.ProductCode, cancellationToken), actor, clock.GetUtcNow()), cancellationToken);
}
