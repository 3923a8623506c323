namespace Loans.Domain.Sheets;

/// <summary>Who changed a sheet field, when, and from what to what: kept for every correction, never edited.</summary>
public sealed class SheetCorrection
{
    public Guid Id { get; init; }
    public Guid BookingId { get; init; }
    public required string Field { get; init; }
    public required string[] Before { get; init; }
    public required string[] After { get; init; }
    public Guid CorrectedBy { get; init; }
    public DateTimeOffset CorrectedAt { get; init; }
    public string? RequestId { get; init; }
}
