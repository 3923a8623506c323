using Loans.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>Sends a draft to credit approval; the product's current ranges are checked again.</summary>
public sealed record SubmitLoanBooking(Guid BookingId, uint? ExpectedVersion) : IRequest<Result<LoanBookingView>>;

internal sealed class SubmitLoanBookingHandler(LoansDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SubmitLoanBooking, Result<LoanBookingView>>
{
    public async Task<Result<LoanBookingView>> Handle(SubmitLoanBooking request, CancellationToken cancellationToken)
    {
        var actor = user.AsLoanActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var current = await db.VisibleBookingAsync(request.BookingId, actor.Value, cancellationToken);
        var product = current is null ? null : await db.ProductAsync(current.ProductCode, cancellationToken);
        return await db.ChangeAsync(user, request.BookingId, request.ExpectedVersion,
            (booking, by) => booking.Submit(product, by, clock.GetUtcNow()), cancellationToken);
    }
}
