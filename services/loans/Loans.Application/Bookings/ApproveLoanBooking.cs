using Loans.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>An approver's decision on the version they read: the endpoint requires If-Match naming it.</summary>
public sealed record ApproveLoanBooking(Guid BookingId, string? Comment, uint ExpectedVersion) : IRequest<Result<LoanBookingView>>;

internal sealed class ApproveLoanBookingHandler(LoansDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ApproveLoanBooking, Result<LoanBookingView>>
{
    public Task<Result<LoanBookingView>> Handle(ApproveLoanBooking request, CancellationToken cancellationToken) =>
        db.ChangeAsync(user, request.BookingId, request.ExpectedVersion,
            (booking, approver) => booking.Approve(approver, request.Comment, clock.GetUtcNow()), cancellationToken);
}
