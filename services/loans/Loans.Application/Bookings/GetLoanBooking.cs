using Loans.Application.Persistence;
using Loans.Domain.Bookings;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

public sealed record GetLoanBooking(Guid BookingId) : IRequest<Result<LoanBookingView>>;

internal sealed class GetLoanBookingHandler(LoansDb db, ICurrentUser user) : IRequestHandler<GetLoanBooking, Result<LoanBookingView>>
{
    public async Task<Result<LoanBookingView>> Handle(GetLoanBooking request, CancellationToken cancellationToken)
    {
        var actor = user.AsLoanActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        return await db.VisibleBookingAsync(request.BookingId, actor.Value, cancellationToken) is { } booking
            ? LoanBookingView.Of(booking)
            : LoanBookingErrors.NotFound;
    }
}
