using System.Text;

namespace Loans.Application.Extraction.Rules;

/// <summary>A document's pages prepared for the rules.</summary>
internal sealed class TermSheet
{
    private TermSheet(IReadOnlyList<TermSheetPage> pages) => Pages = pages;

    public IReadOnlyList<TermSheetPage> Pages { get; }

    public static TermSheet From(DocumentText text) =>
        new(text.Pages.Select(page => new TermSheetPage(page.Number, Normalise(page.Text))).ToList());

    /// <summary>
    /// Compatibility folding turns PDF ligatures ("ﬁ") and non-breaking spaces into what the patterns
    /// expect; line endings become \n so multiline anchors work on every source.
    /// </summary>
    private static string Normalise(string text) =>
        text.Normalize(NormalizationForm.FormKC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
