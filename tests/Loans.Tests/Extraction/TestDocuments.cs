using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Loans.Tests.Extraction;

/// <summary>Term sheet files built in the test, in each format the reader accepts.</summary>
public static class TestDocuments
{
    /// <summary>
    /// A text PDF: page 1 a two-column key/value table (label at the left margin, value in a column to the
    /// right), page 2 a line of prose.
    /// </summary>
    public static byte[] Pdf(IReadOnlyList<(string Label, string Value)> rows, string secondPage)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(PdfPageSize.A4);
        first.AddText("SUMMARY OF TERMS", 14, new PdfPoint(50, 780), font);
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 740 - i * 20;
            first.AddText(rows[i].Label, 10, new PdfPoint(50, y), font);
            first.AddText(rows[i].Value, 10, new PdfPoint(220, y), font);
        }

        builder.AddPage(PdfPageSize.A4).AddText(secondPage, 10, new PdfPoint(50, 780), font);
        return builder.Build();
    }

    /// <summary>A PDF page with no text layer, only a scanned image.</summary>
    public static byte[] ScannedPdf(byte[] png)
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PdfPageSize.A4).AddPng(png, new PdfRectangle(50, 600, 550, 700));
        return builder.Build();
    }

    /// <summary>A DOCX: a title paragraph, a key/value table, a page break, then a paragraph on page 2.</summary>
    public static byte[] Docx(IReadOnlyList<(string Label, string Value)> rows, string secondPage)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var table = new Table(rows.Select(row => new TableRow(Cell(row.Label), Cell(row.Value))));
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                Paragraph("SUMMARY OF TERMS"),
                table,
                new Paragraph(new Run(new Break { Type = BreakValues.Page })),
                Paragraph(secondPage)));
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static TableCell Cell(string text) => new(Paragraph(text));
}
