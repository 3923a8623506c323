using Loans.Application.Documents;
using Loans.Application.Persistence;
using Loans.Domain.Bookings;
using Loans.Domain.Sheets;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;

namespace Loans.Application.Sheets;

/// <summary>
/// The officer's corrections: each named field is set to the given values (none clears it); fields not
/// named keep theirs. Requires the sheet's version (If-Match; 0 for a sheet that does not exist yet).
/// </summary>
public sealed record CorrectBookingSheet(Guid BookingId, uint ExpectedVersion, IReadOnlyDictionary<string, string[]> Values) : IRequest<Result<BookingSheetView>>;

internal sealed class CorrectBookingSheetHandler(LoansDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CorrectBookingSheet, Result<BookingSheetView>>
{
    public async Task<Result<BookingSheetView>> Handle(CorrectBookingSheet request, CancellationToken cancellationToken)
    {
        var booking = await db.ReadableBookingAsync(user, request.BookingId, cancellationToken);
        if (!booking.IsSuccess)
        {
            return booking.Error!;
        }

        var (loan, actor) = booking.Value;
        if (!loan.IsWorkedOnBy(actor))
        {
            return LoanBookingErrors.NotOwner;
        }

        var sheet = await db.Set<BookingSheet>().SingleOrDefaultAsync(s => s.BookingId == loan.Id, cancellationToken);
        if ((sheet?.Version ?? 0) != request.ExpectedVersion)
        {
            return SheetErrors.Stale;
        }

        if (sheet is null)
        {
            sheet = BookingSheet.For(loan.Id);
            db.Add(sheet);
        }

        var corrections = sheet.Correct(request.Values, actor.UserId, user.RequestId, clock.GetUtcNow());
        if (!corrections.IsSuccess)
        {
            return corrections.Error!;
        }

        db.AddRange(corrections.Value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An extraction or another correction moved the sheet's version since it was read.
            return SheetErrors.Stale;
        }
        catch (DbUpdateException first) when (first.IsUniqueViolation())
        {
            // Two first writes raced (an extraction, or another correction) and the other created the sheet.
            return SheetErrors.Stale;
        }

        return await db.ViewAsync(loan.Id, sheet, cancellationToken);
    }
}
