namespace Loans.Application.Extraction;

/// <summary>
/// A document's text by page. <see cref="NeedsOcr"/> is set when some content was a scan that no OCR
/// engine could read, so the pages hold only the text that exists and a person should look at it.
/// </summary>
public sealed record DocumentText(IReadOnlyList<DocumentPage> Pages, bool NeedsOcr);
