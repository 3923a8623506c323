using Loans.Application.Persistence;
using Loans.Domain.Sheets;
using Microsoft.EntityFrameworkCore;

namespace Loans.Application.Sheets;

internal static class BookingSheets
{
    public static async Task<BookingSheetView> ViewAsync(this LoansDb db, Guid bookingId, BookingSheet? sheet, CancellationToken cancellationToken)
    {
        var corrections = await db.Set<SheetCorrection>().AsNoTracking().Where(c => c.BookingId == bookingId).OrderByDescending(c => c.CorrectedAt)
            .Select(c => new SheetCorrectionView(c.Field, c.Before, c.After, c.CorrectedBy, c.CorrectedAt)).ToListAsync(cancellationToken);
        var fields = sheet?.Entries.OrderBy(e => SheetFieldOrder(e.Field)).ToList() ?? [];
        return new BookingSheetView(bookingId, fields, corrections, sheet?.Version ?? 0);
    }

    private static int SheetFieldOrder(string field)
    {
        var index = SheetFields.All.ToList().IndexOf(field);
        return index < 0 ? int.MaxValue : index;
    }
}
