using System.Globalization;
using System.Text;
using Platform.ServiceDefaults.Csv;

namespace Portfolio.Application.Reports.Rendering;

/// <summary>
/// RFC 4180 CSV of a <see cref="ReportDocument"/> (the platform's <see cref="CsvWriter"/>): the title and header lines,
/// then each block as its title on a line of its own, its column names, its rows, separated by an empty line.
/// Numbers are invariant and unformatted; text goes through <see cref="CsvWriter.WriteText"/>, so a cell starting
/// with <c>= + - @</c>, tab or CR gets a leading apostrophe instead of running as a spreadsheet formula.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static async Task WriteAsync(ReportDocument document, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var csv = new CsvWriter(output);
        await RecordAsync(csv, [document.Title], cancellationToken);
        foreach (var line in document.Header)
        {
            await RecordAsync(csv, [line], cancellationToken);
        }

        foreach (var block in document.Blocks)
        {
            await csv.EndLineAsync(cancellationToken);
            await RecordAsync(csv, [block.Title], cancellationToken);
            switch (block)
            {
                case ReportTable table:
                    await RecordAsync(csv, [.. table.Columns], cancellationToken);
                    foreach (var row in table.Rows)
                    {
                        await RecordAsync(csv, row, cancellationToken);
                    }

                    break;
                case ReportChart chart:
                    await RecordAsync(csv, ["label", chart.ValueName], cancellationToken);
                    foreach (var point in chart.Points)
                    {
                        await RecordAsync(csv, [point.Label, point.Value], cancellationToken);
                    }

                    break;
            }
        }
    }

    public static async Task<byte[]> ToBytesAsync(ReportDocument document, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            await WriteAsync(document, writer, cancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>A non-text cell as CSV prints it: numbers and dates invariant, times ISO UTC; null is empty.</summary>
    public static string? Invariant(object? value) => value switch
    {
        null => null,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static async Task RecordAsync(CsvWriter csv, IReadOnlyList<object?> cells, CancellationToken cancellationToken)
    {
        foreach (var cell in cells)
        {
            _ = cell is string text ? csv.WriteText(text) : csv.Write(Invariant(cell));
        }

        await csv.EndLineAsync(cancellationToken);
    }
}
