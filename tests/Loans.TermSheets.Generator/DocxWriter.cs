using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Loans.TermSheets.Generator;

/// <summary>
/// Writes a <see cref="TermSheetSource"/> as a Word document: paragraphs with bold runs, real Word tables (w:tbl) with
/// borders (or none for <c>:plain</c>), explicit page breaks, an optional footer.
/// </summary>
internal static class DocxWriter
{
    private const int TextWidthTwips = 9360;

    public static byte[] Write(TermSheetSource source)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = source.Title;
            document.PackageProperties.Creator = "Loans corpus generator (synthetic document)";
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in source.Blocks)
            {
                switch (block)
                {
                    case Paragraph paragraph:
                        body.Append(ToParagraph(paragraph.Spans, paragraph.Size, paragraph.Align, paragraph.Indent));
                        break;
                    case Table table:
                        body.Append(ToTable(table));
                        body.Append(new W.Paragraph());
                        break;
                    case PageBreak:
                        body.Append(new W.Paragraph(new Run(new Break { Type = BreakValues.Page })));
                        break;
                    case Gap:
                        body.Append(new W.Paragraph());
                        break;
                }
            }

            var section = new SectionProperties(
                new W.PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1418, Bottom = 1418, Left = 1273U, Right = 1273U, Header = 709U, Footer = 709U });
            if (source.Footer is { } footer)
            {
                var footerPart = main.AddNewPart<FooterPart>();
                var text = footer.Replace("{page}", "", StringComparison.Ordinal).Replace("{pages}", "", StringComparison.Ordinal)
                    .Replace("Page  of ", "", StringComparison.Ordinal).Trim(' ', '|', '-');
                footerPart.Footer = new Footer(ToParagraph([new Span(text, false)], 7.5, Align.Center, 0));
                section.PrependChild(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) });
            }

            body.Append(section);
            main.Document = new Document(body);
            main.Document.Save();
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"{source.Name}: invalid DOCX: {string.Join("; ", errors.Select(e => $"{e.Path?.XPath}: {e.Description}"))}");
            }
        }

        return buffer.ToArray();
    }

    private static W.Paragraph ToParagraph(IReadOnlyList<Span> spans, double size, Align align, double indent)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = "80" });
        if (indent > 0)
        {
            properties.Append(new Indentation { Left = ((int)(indent * 20)).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (align != Align.Left)
        {
            properties.Append(new Justification { Val = align == Align.Center ? JustificationValues.Center : JustificationValues.Right });
        }

        var paragraph = new W.Paragraph(properties);
        foreach (var span in spans)
        {
            var lines = span.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var runProperties = new RunProperties(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = ((int)(size * 2)).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                if (span.Bold)
                {
                    runProperties.InsertAfter(new W.Bold(), runProperties.GetFirstChild<RunFonts>());
                }

                var run = new Run(runProperties);
                if (i > 0)
                {
                    run.Append(new Break());
                }

                run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
                paragraph.Append(run);
            }
        }

        return paragraph;
    }

    private static W.Table ToTable(Table table)
    {
        var total = table.Widths.Sum();
        var widths = table.Widths.Select(w => (int)(TextWidthTwips * w / total)).ToArray();
        var border = table.Ruled ? BorderValues.Single : BorderValues.None;
        var result = new W.Table(new TableProperties(
            new TableWidth { Width = TextWidthTwips.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 },
                new BottomBorder { Val = border, Size = 4 },
                new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 },
                new InsideVerticalBorder { Val = border, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        result.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var header = r < table.HeaderRows;
            var row = new TableRow();
            if (header)
            {
                row.Append(new TableRowProperties(new TableHeader()));
            }

            for (var c = 0; c < widths.Length; c++)
            {
                var spans = c < table.Rows[r].Count ? table.Rows[r][c] : [];
                if (header)
                {
                    spans = spans.Select(s => s with { Bold = true }).ToList();
                }

                var cellProperties = new TableCellProperties(new TableCellWidth { Width = widths[c].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
                if (header && table.Ruled)
                {
                    cellProperties.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = "E4E8EE", Color = "auto" });
                }

                row.Append(new TableCell(cellProperties, ToParagraph(spans, 9.5, Align.Left, 0)));
            }

            result.Append(row);
        }

        return result;
    }
}
