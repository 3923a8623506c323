namespace Loans.Application.Extraction;

/// <summary>The terms found in one document and the engine that found them (e.g. "rules").</summary>
public sealed record TermExtraction(IReadOnlyList<ExtractedValue> Values, string Engine);
