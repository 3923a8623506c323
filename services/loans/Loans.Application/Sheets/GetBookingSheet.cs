using Loans.Application.Documents;
using Loans.Application.Persistence;
using Loans.Domain.Sheets;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Loans.Application.Sheets;

/// <summary>The booking sheet; empty (version 0) until a document is extracted or the officer writes to it.</summary>
public sealed record GetBookingSheet(Guid BookingId) : IRequest<Result<BookingSheetView>>;

internal sealed class GetBookingSheetHandler(LoansDb db, ICurrentUser user) : IRequestHandler<GetBookingSheet, Result<BookingSheetView>>
{
    public async Task<Result<BookingSheetView>> Handle(GetBookingSheet request, CancellationToken cancellationToken)
    {
        var booking = await db.ReadableBookingAsync(user, request.BookingId, cancellationToken);
        if (!booking.IsSuccess)
        {
            return booking.Error!;
        }

        var sheet = await db.Set<BookingSheet>().AsNoTracking().SingleOrDefaultAsync(s => s.BookingId == request.BookingId, cancellationToken);
        return await db.ViewAsync(request.BookingId, sheet, cancellationToken);
    }
}
