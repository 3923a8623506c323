using Loans.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>Sends the booking back to its officer with what to fix, on the version the approver read.</summary>
public sealed record RejectLoanBooking(Guid BookingId, string? Comment, uint ExpectedVersion) : IRequest<Result<LoanBookingView>>;

internal sealed class RejectLoanBookingHandler(LoansDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RejectLoanBooking, Result<LoanBookingView>>
{
    public Task<Result<LoanBookingView>> Handle(RejectLoanBooking request, CancellationToken cancellationToken) =>
        db.ChangeAsync(user, request.BookingId, request.ExpectedVersion,
            (booking, approver) => booking.Reject(approver, request.Comment, clock.GetUtcNow()), cancellationToken);
}
