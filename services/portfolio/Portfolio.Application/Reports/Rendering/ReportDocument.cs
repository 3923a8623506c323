namespace Portfolio.Application.Reports.Rendering;

/// <summary>
/// What a report says, independent of its format: a title, a few header lines, then tables and charts in order.
/// Every kind builds one; <see cref="ReportCsv"/> and <see cref="ReportPdf"/> render any of them.
/// Cells are typed (text, <see cref="decimal"/>, <see cref="int"/>, <see cref="DateOnly"/>, <see cref="DateTimeOffset"/> or null),
/// so each format chooses how to print numbers and only text is ever escaped.
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<string> Header, IReadOnlyList<ReportBlock> Blocks);

public abstract record ReportBlock(string Title);

public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows) : ReportBlock(Title);

public enum ChartStyle
{
    Line,
    Bar,
}

public sealed record ChartPoint(string Label, double Value);

/// <summary>A chart; in CSV it is written as its points (label, value).</summary>
public sealed record ReportChart(string Title, ChartStyle Style, string ValueName, IReadOnlyList<ChartPoint> Points) : ReportBlock(Title);
