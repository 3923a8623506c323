namespace Loans.Application.Extraction;

/// <summary>
/// A document's text by page. <see cref="NeedsOcr"/> is set when some content was a scan that no OCR
/// engine could read, so the pages hold only the text that exists and a person should look at it.
/// </summary>
public sealed record DocumentText(IReadOnlyList<DocumentPage> Pages, bool NeedsOcr)
{
    /// <summary>
    /// Readers stop after this many pages: a term sheet states its terms up front, and an upload of
    /// thousands of pages must not cost a worker minutes and memory in proportion.
    /// </summary>
    public const int MaxPages = 100;

    /// <summary>Readers stop after this much text (about 300 dense pages), whatever the page count.</summary>
    public const int MaxCharacters = 1_000_000;
}
