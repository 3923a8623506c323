using System.Text;

namespace Portfolio.Domain.Upload;

/// <summary>
/// Reads a positions file (format in docs/portfolio-upload.md) in one streaming pass, reporting every bad
/// row with its line and field. It decides nothing about storing: a caller keeps nothing unless the result
/// is valid.
/// </summary>
public static class PositionCsv
{
    public const int MaxRows = 100_000;
    public const int MaxLineLength = 4096;
    public const int MaxErrors = 1000;

    /// <summary>Reads UTF-8, with or without a byte order mark; the stream is left open.</summary>
    public static async Task<PositionCsvResult> ParseAsync(Stream csv, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        return await ParseAsync(reader, today, cancellationToken);
    }

    public static async Task<PositionCsvResult> ParseAsync(TextReader csv, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var records = new CsvRecordReader(csv, MaxLineLength);
        var errors = new RowErrors(MaxErrors);
        var rows = new List<PositionRow>();
        if (!await records.ReadAsync(cancellationToken))
        {
            errors.Add(1, "header", "the file is empty; the first line must name the columns");
            return new PositionCsvResult(rows, errors.ToList());
        }

        var columns = PositionColumns.Read(records, errors);
        if (columns is null)
        {
            return new PositionCsvResult(rows, errors.ToList());
        }

        var parser = new PositionRowParser(columns, today, errors);
        var dataRows = 0;
        while (await records.ReadAsync(cancellationToken))
        {
            if (++dataRows > MaxRows)
            {
                errors.Add(records.Line, "file", $"more than {MaxRows:N0} rows; split the file");
                break;
            }

            if (records.Problem is not null)
            {
                errors.Add(records.Line, "row", records.Problem);
            }
            else if (parser.Parse(records) is { } row)
            {
                rows.Add(row);
            }
        }

        return new PositionCsvResult(rows, errors.ToList());
    }
}
