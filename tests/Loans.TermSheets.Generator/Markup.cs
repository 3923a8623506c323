namespace Loans.TermSheets.Generator;

/// <summary>A run of text, bold or not.</summary>
internal sealed record Span(string Text, bool Bold);

internal enum Align
{
    Left,
    Center,
    Right,
}

internal abstract record Block;

/// <summary>A paragraph: spans, font size in points, alignment, left indent in points.</summary>
internal sealed record Paragraph(IReadOnlyList<Span> Spans, double Size, Align Align, double Indent) : Block;

/// <summary>A table: rows of cells (each cell a list of spans), relative column widths, header rows, ruled or not.</summary>
internal sealed record Table(IReadOnlyList<IReadOnlyList<IReadOnlyList<Span>>> Rows, IReadOnlyList<double> Widths, int HeaderRows, bool Ruled) : Block;

internal sealed record PageBreak : Block;

internal sealed record Gap(double Points) : Block;

/// <summary>A parsed source: the blocks, an optional footer (with {page} and {pages}) and a title for the file properties.</summary>
internal sealed record TermSheetSource(string Name, string Title, string? Footer, IReadOnlyList<Block> Blocks);

/// <summary>
/// The line-oriented markup of Sources/*.tsm (see the README next to the corpus):
/// <c># title</c>, <c>## heading</c>, <c>### minor heading</c>, <c>&gt; indented paragraph</c>, <c>:center text</c>,
/// <c>:right text</c>, <c>:small text</c>, <c>| cell | cell |</c> table rows (<c>|! ... |</c> a header row),
/// <c>:cols 30 70</c> and <c>:plain</c> before a table, <c>:page</c>, <c>:footer text</c>, <c>:title text</c>;
/// <c>**bold**</c> inside any text; a blank line is vertical space; every other line is a paragraph.
/// </summary>
internal static class Markup
{
    public const double BodySize = 10;

    public static TermSheetSource Parse(string name, string text)
    {
        var blocks = new List<Block>();
        string? footer = null;
        string? title = null;
        double[]? pendingWidths = null;
        var pendingPlain = false;
        List<IReadOnlyList<IReadOnlyList<Span>>>? rows = null;
        var headerRows = 0;

        void FlushTable()
        {
            if (rows is null)
            {
                return;
            }

            var columns = rows.Max(r => r.Count);
            var widths = pendingWidths is { } w && w.Length == columns ? w : Enumerable.Repeat(1.0, columns).ToArray();
            if (pendingWidths is null && columns == 2)
            {
                widths = [34, 66];
            }

            blocks.Add(new Table(rows, widths, headerRows, !pendingPlain));
            rows = null;
            headerRows = 0;
            pendingWidths = null;
            pendingPlain = false;
        }

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith('|'))
            {
                rows ??= [];
                var header = line.StartsWith("|!", StringComparison.Ordinal);
                var body = line[(header ? 2 : 1)..];
                if (body.EndsWith('|'))
                {
                    body = body[..^1];
                }

                var cells = body.Split('|').Select(c => (IReadOnlyList<Span>)Spans(c.Trim().Replace("\\n", "\n", StringComparison.Ordinal))).ToList();
                if (header && rows.Count == headerRows)
                {
                    headerRows++;
                }

                rows.Add(cells);
                continue;
            }

            FlushTable();
            if (line.Length == 0)
            {
                blocks.Add(new Gap(6));
            }
            else if (line.StartsWith(":title ", StringComparison.Ordinal))
            {
                title = line[7..];
            }
            else if (line.StartsWith(":footer ", StringComparison.Ordinal))
            {
                footer = line[8..];
            }
            else if (line == ":page")
            {
                blocks.Add(new PageBreak());
            }
            else if (line == ":plain")
            {
                pendingPlain = true;
            }
            else if (line.StartsWith(":cols ", StringComparison.Ordinal))
            {
                pendingWidths = line[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            }
            else if (line.StartsWith(":center ", StringComparison.Ordinal))
            {
                blocks.Add(new Paragraph(Spans(line[8..]), BodySize, Align.Center, 0));
            }
            else if (line.StartsWith(":right ", StringComparison.Ordinal))
            {
                blocks.Add(new Paragraph(Spans(line[7..]), BodySize, Align.Right, 0));
            }
            else if (line.StartsWith(":small ", StringComparison.Ordinal))
            {
                blocks.Add(new Paragraph(Spans(line[7..]), 7.5, Align.Left, 0));
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                blocks.Add(new Paragraph([new Span(line[4..], true)], BodySize, Align.Left, 0));
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                blocks.Add(new Paragraph([new Span(line[3..], true)], 12, Align.Left, 0));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                title ??= line[2..];
                blocks.Add(new Paragraph([new Span(line[2..], true)], 15, Align.Center, 0));
            }
            else if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                blocks.Add(new Paragraph(Spans(line[2..]), BodySize, Align.Left, 24));
            }
            else
            {
                blocks.Add(new Paragraph(Spans(line), BodySize, Align.Left, 0));
            }
        }

        FlushTable();
        return new TermSheetSource(name, title ?? name, footer, blocks);
    }

    /// <summary>Splits text on <c>**</c> into alternating regular and bold spans.</summary>
    private static List<Span> Spans(string text)
    {
        var parts = text.Split("**");
        var spans = new List<Span>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > 0)
            {
                spans.Add(new Span(parts[i], i % 2 == 1));
            }
        }

        return spans;
    }
}
