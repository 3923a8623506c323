using System.Text.RegularExpressions;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Loans.TermSheets.Generator;

/// <summary>
/// Draws a <see cref="TermSheetSource"/> on A4 pages with PDFsharp: word-wrapped paragraphs with bold runs kept as
/// real text (so the file has a text layer), tables as ruled cells (lines plus cell text), page footers.
/// </summary>
internal static partial class PdfWriter
{
    private const double Margin = 62;
    private const double CellPadding = 4;
    private static readonly XPen RulePen = new(XColors.Black, 0.6);
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(228, 232, 238));

    public static byte[] Write(TermSheetSource source)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = source.Title;
        pdf.Info.Author = "Loans corpus generator (synthetic document)";
        pdf.Info.CreationDate = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        pdf.Options.CompressContentStreams = true;
        var canvas = new Canvas(pdf);
        foreach (var block in source.Blocks)
        {
            switch (block)
            {
                case Paragraph paragraph:
                    canvas.Paragraph(paragraph);
                    break;
                case Table table:
                    canvas.Table(table);
                    break;
                case PageBreak:
                    canvas.NewPage();
                    break;
                case Gap gap:
                    canvas.Y += gap.Points;
                    break;
            }
        }

        canvas.Dispose();
        if (source.Footer is { } footer)
        {
            var font = Font(7.5, bold: false);
            for (var i = 0; i < pdf.PageCount; i++)
            {
                var page = pdf.Pages[i];
                using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var text = footer.Replace("{page}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{pages}", pdf.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                g.DrawString(text, font, XBrushes.DimGray, new XRect(Margin, page.Height.Point - 40, page.Width.Point - (2 * Margin), 10), XStringFormats.Center);
            }
        }

        using var buffer = new MemoryStream();
        pdf.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    private static XFont Font(double size, bool bold) => new(Fonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private sealed record Token(string Word, bool Bold, bool SpaceBefore, bool NewLine);

    private sealed record Piece(string Text, bool Bold, double Width);

    private sealed record Line(IReadOnlyList<Piece> Pieces, double Width);

    [GeneratedRegex(@"(\n| +)")]
    private static partial Regex Separators();

    private static List<Token> Tokens(IReadOnlyList<Span> spans)
    {
        var tokens = new List<Token>();
        var space = false;
        foreach (var span in spans)
        {
            foreach (var part in Separators().Split(span.Text))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                if (part == "\n")
                {
                    tokens.Add(new Token("", span.Bold, false, true));
                    space = false;
                }
                else if (part[0] == ' ')
                {
                    space = true;
                }
                else
                {
                    tokens.Add(new Token(part, span.Bold, space, false));
                    space = false;
                }
            }
        }

        return tokens;
    }

    /// <summary>Greedy word wrap; consecutive words of one weight on a line become one piece of text with real spaces.</summary>
    private static List<Line> Wrap(XGraphics g, IReadOnlyList<Span> spans, double size, double width)
    {
        var regular = Font(size, bold: false);
        var bold = Font(size, bold: true);
        var lines = new List<Line>();
        var pieces = new List<(string Text, bool Bold)>();
        double lineWidth = 0;

        double Measure(string text, bool isBold) => g.MeasureString(text, isBold ? bold : regular).Width;

        void Finish()
        {
            var merged = pieces.Select(p => new Piece(p.Text, p.Bold, Measure(p.Text, p.Bold))).ToList();
            lines.Add(new Line(merged, merged.Sum(p => p.Width)));
            pieces.Clear();
            lineWidth = 0;
        }

        foreach (var token in Tokens(spans))
        {
            if (token.NewLine)
            {
                Finish();
                continue;
            }

            var lead = pieces.Count > 0 && token.SpaceBefore ? " " : "";
            var added = Measure(lead + token.Word, token.Bold);
            if (pieces.Count > 0 && lineWidth + added > width)
            {
                Finish();
                lead = "";
                added = Measure(token.Word, token.Bold);
            }

            if (pieces.Count > 0 && pieces[^1].Bold == token.Bold)
            {
                pieces[^1] = (pieces[^1].Text + lead + token.Word, token.Bold);
            }
            else if (lead.Length > 0)
            {
                pieces[^1] = (pieces[^1].Text + lead, pieces[^1].Bold);
                pieces.Add((token.Word, token.Bold));
            }
            else
            {
                pieces.Add((token.Word, token.Bold));
            }

            lineWidth += added;
        }

        if (pieces.Count > 0 || lines.Count == 0)
        {
            Finish();
        }

        return lines;
    }

    private sealed class Canvas(PdfDocument pdf) : IDisposable
    {
        private PdfPage? _page;

        public XGraphics G { get; private set; } = null!;

        public double Y { get; set; } = double.MaxValue;

        private double Width => (_page?.Width.Point ?? 595) - (2 * Margin);

        private double Bottom => (_page?.Height.Point ?? 842) - Margin - 10;

        public void NewPage()
        {
            G?.Dispose();
            _page = pdf.AddPage();
            _page.Size = PageSize.A4;
            G = XGraphics.FromPdfPage(_page);
            Y = Margin;
        }

        private void Ensure(double height)
        {
            if (_page is null || Y + height > Bottom)
            {
                NewPage();
            }
        }

        public void Paragraph(Paragraph paragraph)
        {
            Ensure(paragraph.Size * 1.4);
            var width = Width - paragraph.Indent;
            var lineHeight = paragraph.Size * 1.35;
            foreach (var line in Wrap(G, paragraph.Spans, paragraph.Size, width))
            {
                Ensure(lineHeight);
                var x = Margin + paragraph.Indent + paragraph.Align switch
                {
                    Align.Center => (width - line.Width) / 2,
                    Align.Right => width - line.Width,
                    _ => 0,
                };
                DrawLine(line, x, Y, paragraph.Size);
                Y += lineHeight;
            }

            Y += paragraph.Size * 0.35;
        }

        private void DrawLine(Line line, double x, double y, double size)
        {
            foreach (var piece in line.Pieces)
            {
                G.DrawString(piece.Text, Font(size, piece.Bold), XBrushes.Black, new XPoint(x, y + size), XStringFormats.BaseLineLeft);
                x += piece.Width;
            }
        }

        public void Table(Table table)
        {
            const double size = 9;
            var lineHeight = size * 1.3;
            Ensure(lineHeight * 3);
            var total = table.Widths.Sum();
            var widths = table.Widths.Select(w => Width * w / total).ToArray();
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                var header = r < table.HeaderRows;
                var wrapped = row.Select((cell, c) => Wrap(G, header ? cell.Select(s => s with { Bold = true }).ToList() : cell, size, widths[c] - (2 * CellPadding))).ToList();
                var height = (wrapped.Max(l => l.Count) * lineHeight) + (2 * CellPadding);
                if (_page is null || Y + height > Bottom)
                {
                    NewPage();
                }

                var x = Margin;
                for (var c = 0; c < widths.Length; c++)
                {
                    var cell = new XRect(x, Y, widths[c], height);
                    if (header && table.Ruled)
                    {
                        G.DrawRectangle(HeaderFill, cell);
                    }

                    if (table.Ruled)
                    {
                        G.DrawRectangle(RulePen, cell);
                    }

                    if (c < wrapped.Count)
                    {
                        var y = Y + CellPadding;
                        foreach (var line in wrapped[c])
                        {
                            DrawLine(line, x + CellPadding, y, size);
                            y += lineHeight;
                        }
                    }

                    x += widths[c];
                }

                Y += height;
            }

            Y += 8;
        }

        public void Dispose() => G?.Dispose();
    }
}
