using Loans.Domain.Sheets;

namespace Loans.Application.Sheets;

/// <summary>The sheet's fields with their provenance, and every correction made by hand, newest first.</summary>
public sealed record BookingSheetView(Guid BookingId, IReadOnlyList<SheetEntry> Fields, IReadOnlyList<SheetCorrectionView> Corrections, uint Version)
{
    public string ETag => $"\"{Version}\"";
}

public sealed record SheetCorrectionView(string Field, IReadOnlyList<string> Before, IReadOnlyList<string> After, Guid CorrectedBy, DateTimeOffset CorrectedAt);
