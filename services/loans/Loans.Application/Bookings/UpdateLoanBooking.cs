using Loans.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>Replaces the terms of the version the caller read (If-Match required by the endpoint).</summary>
public sealed record UpdateLoanBooking(Guid BookingId, uint? ExpectedVersion, LoanTermsInput Input) : IRequest<Result<LoanBookingView>>;

internal sealed class UpdateLoanBookingHandler(LoansDb db, ICurrentUser user) : IRequestHandler<UpdateLoanBooking, Result<LoanBookingView>>
{
    public async Task<Result<LoanBookingView>> Handle(UpdateLoanBooking request, CancellationToken cancellationToken)
    {
        var terms = request.Input.ToTerms();
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var product = await db.ProductAsync(terms.Value.ProductCode, cancellationToken);
        return await db.ChangeAsync(user, request.BookingId, request.ExpectedVersion,
            (booking, actor) => booking.Update(terms.Value, product, actor), cancellationToken);
    }
}
