using Loans.Domain.Sheets;

namespace Loans.Application.Extraction;

/// <summary>
/// One term found in a document: the <see cref="SheetFields"/> name, its canonical value, a confidence
/// from 0 to 1, the 1-based page it was read on (null when derived from several places) and up to 200
/// characters of the source text around it, without control characters, for a person to check.
/// </summary>
public sealed record ExtractedValue(string Field, string Value, decimal Confidence, int? Page, string Snippet);
