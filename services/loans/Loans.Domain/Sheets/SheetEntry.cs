namespace Loans.Domain.Sheets;

/// <summary>
/// One field of the booking sheet. <see cref="Values"/> holds one value for a single-valued field and
/// any number for <c>fee</c> and <c>covenant</c>. Where it came from: a document's extraction (with
/// confidence, page and snippet) or the officer.
/// </summary>
public sealed record SheetEntry(string Field, IReadOnlyList<string> Values, string Source, Guid? DocumentId, decimal? Confidence, int? Page, string? Snippet)
{
    public const string FromExtraction = "extraction";
    public const string FromOfficer = "officer";
}
