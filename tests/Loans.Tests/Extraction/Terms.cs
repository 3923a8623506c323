using Loans.Application.Extraction;

namespace Loans.Tests.Extraction;

/// <summary>Runs the rule-based extractor on text written in a test.</summary>
public static class Terms
{
    public static TermExtraction Extract(params string[] pages) =>
        ExtractFrom(new DocumentText(pages.Select((text, index) => new DocumentPage(index + 1, text)).ToList(), NeedsOcr: false));

    public static TermExtraction ExtractFrom(DocumentText text) =>
        new RuleBasedTermExtractor().ExtractAsync(text, CancellationToken.None).GetAwaiter().GetResult();

    public static string? Value(this TermExtraction extraction, string field) => extraction.Values.FirstOrDefault(v => v.Field == field)?.Value;

    public static ExtractedValue Get(this TermExtraction extraction, string field) => extraction.Values.Single(v => v.Field == field);

    public static List<string> All(this TermExtraction extraction, string field) =>
        extraction.Values.Where(v => v.Field == field).Select(v => v.Value).Order(StringComparer.Ordinal).ToList();
}
