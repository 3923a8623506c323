using Loans.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>Soft delete: the row stays for the audit trail, hidden from every list and read.</summary>
public sealed record DeleteLoanBooking(Guid BookingId, uint? ExpectedVersion) : IRequest<Result>;

internal sealed class DeleteLoanBookingHandler(LoansDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DeleteLoanBooking, Result>
{
    public async Task<Result> Handle(DeleteLoanBooking request, CancellationToken cancellationToken)
    {
        var deleted = await db.ChangeAsync(user, request.BookingId, request.ExpectedVersion,
            (booking, actor) => booking.Delete(actor, clock.GetUtcNow()), cancellationToken);
        return deleted.IsSuccess ? Result.Ok() : deleted.Error!;
    }
}
