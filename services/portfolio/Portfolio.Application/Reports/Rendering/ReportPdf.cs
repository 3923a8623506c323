using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Portfolio.Application.Reports.Rendering;

/// <summary>
/// A4 PDF of a <see cref="ReportDocument"/> drawn with PDFsharp's vector primitives (no native library): tables
/// that break across pages repeating their header, line and bar charts with a value axis from <see cref="ChartScale"/>.
/// </summary>
public static class ReportPdf
{
    public const string ContentType = "application/pdf";

    private const double Margin = 40;
    private const double RowHeight = 11;
    private const double ChartHeight = 170;
    private const int MaxBars = 20;
    private static readonly XFont TitleFont = Font(16, bold: true);
    private static readonly XFont HeadingFont = Font(11, bold: true);
    private static readonly XFont TextFont = Font(8.5, bold: false);
    private static readonly XFont CellFont = Font(7, bold: false);
    private static readonly XFont HeaderCellFont = Font(7, bold: true);
    private static readonly XPen AxisPen = new(XColors.DimGray, 0.6);
    private static readonly XPen GridPen = new(XColors.Gainsboro, 0.4);
    private static readonly XPen LinePen = new(XColor.FromArgb(31, 119, 180), 1.2);
    private static readonly XBrush PositiveBar = new XSolidBrush(XColor.FromArgb(31, 119, 180));
    private static readonly XBrush NegativeBar = new XSolidBrush(XColor.FromArgb(214, 39, 40));
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(235, 238, 242));

    public static byte[] ToBytes(ReportDocument document, string author)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Author = author;
        pdf.Options.CompressContentStreams = true;
        var canvas = new Canvas(pdf);
        canvas.Text(document.Title, TitleFont, 22);
        foreach (var line in document.Header)
        {
            canvas.Text(line, TextFont, 12);
        }

        foreach (var block in document.Blocks)
        {
            canvas.Space(10);
            switch (block)
            {
                case ReportTable table:
                    DrawTable(canvas, table);
                    break;
                case ReportChart chart:
                    DrawChart(canvas, chart);
                    break;
            }
        }

        canvas.Dispose();
        using var buffer = new MemoryStream();
        pdf.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    /// <summary>How a cell is printed in the PDF: money with thousands separators and two decimals, dates ISO.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        decimal number => number.ToString("#,##0.00####", CultureInfo.InvariantCulture),
        double number => number.ToString("#,##0.00####", CultureInfo.InvariantCulture),
        int number => number.ToString("#,##0", CultureInfo.InvariantCulture),
        long number => number.ToString("#,##0", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Axis labels: 1.2M, 350k, 12.5.</summary>
    public static string Compact(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude >= 1e9 ? (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "bn"
            : magnitude >= 1e6 ? (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M"
            : magnitude >= 1e4 ? (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k"
            : value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private static void DrawTable(Canvas canvas, ReportTable table)
    {
        canvas.Text(table.Title, HeadingFont, 16);
        if (table.Rows.Count == 0)
        {
            canvas.Text("(none)", TextFont, 12);
            return;
        }

        var widths = ColumnWidths(canvas.Graphics, table, canvas.Width);
        var numeric = Enumerable.Range(0, table.Columns.Count)
            .Select(c => table.Rows.Any(r => c < r.Count && r[c] is decimal or double or int or long)).ToArray();
        DrawHeader(canvas, table.Columns, widths, numeric);
        foreach (var row in table.Rows)
        {
            if (canvas.NeedsPage(RowHeight))
            {
                canvas.NewPage();
                DrawHeader(canvas, table.Columns, widths, numeric);
            }

            DrawRow(canvas, row, widths, numeric, CellFont);
        }
    }

    private static void DrawHeader(Canvas canvas, IReadOnlyList<string> columns, double[] widths, bool[] numeric)
    {
        canvas.EnsureRoom(RowHeight * 2);
        canvas.Graphics.DrawRectangle(HeaderFill, Margin, canvas.Y, canvas.Width, RowHeight);
        DrawRow(canvas, [.. columns], widths, numeric, HeaderCellFont);
    }

    private static void DrawRow(Canvas canvas, IReadOnlyList<object?> cells, double[] widths, bool[] numeric, XFont font)
    {
        var x = Margin;
        for (var c = 0; c < widths.Length; c++)
        {
            var text = Fit(canvas.Graphics, c < cells.Count ? Format(cells[c]) : "", font, widths[c] - 4);
            var cell = new XRect(x + 2, canvas.Y, widths[c] - 4, RowHeight);
            canvas.Graphics.DrawString(text, font, XBrushes.Black, cell, numeric[c] ? XStringFormats.CenterRight : XStringFormats.CenterLeft);
            x += widths[c];
        }

        canvas.Y += RowHeight;
    }

    // Widths in proportion to each column's widest text in the first rows (sampling keeps a 100,000-row table cheap).
    private static double[] ColumnWidths(XGraphics graphics, ReportTable table, double total)
    {
        var wanted = table.Columns.Select(c => graphics.MeasureString(c, HeaderCellFont).Width + 6).ToArray();
        foreach (var row in table.Rows.Take(200))
        {
            for (var c = 0; c < wanted.Length && c < row.Count; c++)
            {
                wanted[c] = Math.Max(wanted[c], Math.Min(graphics.MeasureString(Format(row[c]), CellFont).Width + 6, total / 2));
            }
        }

        var sum = wanted.Sum();
        return [.. wanted.Select(w => w * total / sum)];
    }

    private static string Fit(XGraphics graphics, string text, XFont font, double width)
    {
        if (text.Length == 0 || graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && graphics.MeasureString(text[..length] + "…", font).Width > width)
        {
            length--;
        }

        return text[..length] + "…";
    }

    private static void DrawChart(Canvas canvas, ReportChart chart)
    {
        canvas.EnsureRoom(ChartHeight + 40);
        canvas.Text(chart.Title, HeadingFont, 16);
        var points = chart.Style == ChartStyle.Bar ? [.. chart.Points.Take(MaxBars)] : chart.Points;
        if (points.Count == 0)
        {
            canvas.Text("(no data in the period)", TextFont, 12);
            return;
        }

        var g = canvas.Graphics;
        var scale = ChartScale.For(points.Select(p => p.Value));
        var (left, top, width, height) = (Margin + 45, canvas.Y + 4, canvas.Width - 55, ChartHeight - 30);
        foreach (var tick in scale.Ticks)
        {
            var y = scale.Y(tick, top, height);
            g.DrawLine(tick == 0 ? AxisPen : GridPen, left, y, left + width, y);
            g.DrawString(Compact(tick), CellFont, XBrushes.DimGray, new XRect(Margin, y - 5, 42, 10), XStringFormats.CenterRight);
        }

        g.DrawLine(AxisPen, left, top + height, left + width, top + height);
        g.DrawLine(AxisPen, left, top, left, top + height);
        var zero = scale.Y(0, top, height);
        if (chart.Style == ChartStyle.Bar)
        {
            var slot = width / points.Count;
            for (var i = 0; i < points.Count; i++)
            {
                var y = scale.Y(points[i].Value, top, height);
                g.DrawRectangle(points[i].Value >= 0 ? PositiveBar : NegativeBar, left + (i * slot) + (slot * 0.15), Math.Min(y, zero), slot * 0.7, Math.Abs(zero - y));
                g.DrawString(Fit(g, points[i].Label, CellFont, slot - 2), CellFont, XBrushes.Black,
                    new XRect(left + (i * slot), top + height + 2, slot, 10), XStringFormats.TopCenter);
            }
        }
        else
        {
            var step = points.Count > 1 ? width / (points.Count - 1) : 0;
            var line = points.Select((p, i) => new XPoint(left + (i * step), scale.Y(p.Value, top, height))).ToArray();
            if (line.Length == 1)
            {
                g.DrawEllipse(PositiveBar, line[0].X - 2, line[0].Y - 2, 4, 4);
            }
            else
            {
                g.DrawLines(LinePen, line);
            }

            g.DrawString(points[0].Label, CellFont, XBrushes.Black, new XRect(left, top + height + 2, 80, 10), XStringFormats.TopLeft);
            g.DrawString(points[^1].Label, CellFont, XBrushes.Black, new XRect(left + width - 80, top + height + 2, 80, 10), XStringFormats.TopRight);
        }

        canvas.Y = top + height + 16;
    }

    private static XFont Font(double size, bool bold)
    {
        ReportFonts.Install();
        return new XFont(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
    }

    /// <summary>The page being drawn on and where the next line goes; turns the page when it is full.</summary>
    private sealed class Canvas(PdfDocument pdf) : IDisposable
    {
        private PdfPage _page = null!;

        public XGraphics Graphics { get; private set; } = null!;

        public double Y { get; set; }

        public double Width => _page.Width.Point - (2 * Margin);

        private double Bottom => _page.Height.Point - Margin;

        public bool NeedsPage(double height) => Y + height > Bottom;

        public void EnsureRoom(double height)
        {
            if (Graphics is null || NeedsPage(height))
            {
                NewPage();
            }
        }

        public void NewPage()
        {
            Graphics?.Dispose();
            _page = pdf.AddPage();
            _page.Size = PageSize.A4;
            Graphics = XGraphics.FromPdfPage(_page);
            Y = Margin;
            Graphics.DrawString($"Page {pdf.PageCount}", CellFont, XBrushes.Gray,
                new XRect(Margin, _page.Height.Point - (Margin / 2) - 5, Width, 10), XStringFormats.CenterRight);
        }

        public void Text(string text, XFont font, double lineHeight)
        {
            EnsureRoom(lineHeight);
            Graphics.DrawString(Fit(Graphics, text, font, Width), font, XBrushes.Black, new XRect(Margin, Y, Width, lineHeight), XStringFormats.CenterLeft);
            Y += lineHeight;
        }

        public void Space(double height) => Y += height;

        public void Dispose() => Graphics?.Dispose();
    }
}
