using Loans.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>Books an approved loan: its terms are final from here on.</summary>
public sealed record BookLoanBooking(Guid BookingId, uint? ExpectedVersion) : IRequest<Result<LoanBookingView>>;

internal sealed class BookLoanBookingHandler(LoansDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<BookLoanBooking, Result<LoanBookingView>>
{
    public Task<Result<LoanBookingView>> Handle(BookLoanBooking request, CancellationToken cancellationToken) =>
        db.ChangeAsync(user, request.BookingId, request.ExpectedVersion,
            (booking, actor) => booking.Book(actor, clock.GetUtcNow()), cancellationToken);
}
