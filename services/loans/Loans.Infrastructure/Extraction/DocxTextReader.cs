using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Loans.Application.Extraction;

namespace Loans.Infrastructure.Extraction;

/// <summary>
/// DOCX text through the Open XML SDK: each paragraph a line, each table row a line with its cells joined
/// by " | " (so "Borrower | Northwind Logistics LLC" reads as a labelled cell). Word does not store
/// rendered pages, so pages are split only on explicit page breaks.
/// </summary>
internal static class DocxTextReader
{
    private const string CellSeparator = " | ";

    public static async Task<DocumentText> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        // The package reader needs a seekable stream; uploads may not be one.
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        using var document = WordprocessingDocument.Open(buffer, isEditable: false);
        var pages = new List<StringBuilder> { new() };
        if (document.MainDocumentPart?.Document?.Body is { } body)
        {
            Walk(body, pages);
        }

        return new DocumentText(pages.Select((page, index) => new DocumentPage(index + 1, page.ToString())).ToList(), NeedsOcr: false);
    }

    private static void Walk(OpenXmlElement container, List<StringBuilder> pages)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    if (paragraph.ParagraphProperties?.PageBreakBefore is { } before && (before.Val?.Value ?? true))
                    {
                        pages.Add(new StringBuilder());
                    }

                    AppendParagraph(paragraph, pages);
                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                    {
                        var cells = row.Elements<TableCell>().Select(cell => string.Join(' ', cell.Descendants<Paragraph>().Select(PlainText).Where(t => t.Length > 0)));
                        pages[^1].Append(string.Join(CellSeparator, cells)).Append('\n');
                    }

                    break;
                default:
                    // Content controls and similar wrappers hold paragraphs and tables of their own.
                    Walk(element, pages);
                    break;
            }
        }
    }

    /// <summary>The paragraph's text as one line, opening a new page at each explicit page break.</summary>
    private static void AppendParagraph(Paragraph paragraph, List<StringBuilder> pages)
    {
        foreach (var node in paragraph.Descendants())
        {
            switch (node)
            {
                case Text text:
                    pages[^1].Append(text.Text);
                    break;
                case TabChar:
                    pages[^1].Append('\t');
                    break;
                case Break { Type.Value: var type } when type == BreakValues.Page:
                    pages[^1].Append('\n');
                    pages.Add(new StringBuilder());
                    break;
                case Break or CarriageReturn:
                    pages[^1].Append('\n');
                    break;
            }
        }

        pages[^1].Append('\n');
    }

    private static string PlainText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var node in paragraph.Descendants())
        {
            text.Append(node switch
            {
                Text t => t.Text,
                TabChar or Break or CarriageReturn => " ",
                _ => "",
            });
        }

        return text.ToString().Trim();
    }
}
