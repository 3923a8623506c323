using System.Text;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Csv;

/// <summary>One parsed record and the physical line it starts on (quoted fields may span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Malformed CSV (an unterminated quote, text after a closing quote, a cell breaking the client text
/// rule), with the line where it was found and, for a bad cell, its column (1-based).
/// </summary>
public sealed class CsvFormatException(int line, string message, int? column = null) : Exception(message)
{
    public int Line { get; } = line;

    public int? Column { get; } = column;
}

/// <summary>
/// RFC 4180 input, streamed: accepts CRLF or LF line ends; skips blank lines. Every cell keeps the
/// client text rule (<see cref="ClientText"/>; line breaks allowed, as quoted cells may span lines).
/// </summary>
public static class CsvReader
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader input, int maxFieldLength, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var afterQuote = false;
        var buffer = new char[16 * 1024];
        var pendingCr = false;

        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }

                if (inQuotes)
                {
                    if (c == '"')
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        Append(field, c, maxFieldLength, line);
                    }

                    continue;
                }

                switch (c)
                {
                    case '"' when afterQuote:
                        // A doubled quote inside a quoted field.
                        Append(field, '"', maxFieldLength, line);
                        inQuotes = true;
                        afterQuote = false;
                        break;
                    case '"' when field.Length == 0:
                        inQuotes = true;
                        break;
                    case ',':
                        fields.Add(Cell(field, fields.Count, recordLine));
                        field.Clear();
                        afterQuote = false;
                        break;
                    case '\r' or '\n':
                        pendingCr = c == '\r';
                        fields.Add(Cell(field, fields.Count, recordLine));
                        field.Clear();
                        afterQuote = false;
                        if (fields.Count > 1 || fields[0].Length > 0)
                        {
                            yield return new CsvRecord(recordLine, fields);
                        }

                        fields = [];
                        line++;
                        recordLine = line;
                        break;
                    default:
                        if (afterQuote || c == '"')
                        {
                            throw new CsvFormatException(line, "A quote may only start a field, or be doubled inside a quoted field.");
                        }

                        Append(field, c, maxFieldLength, line);
                        break;
                }
            }
        }

        if (inQuotes)
        {
            throw new CsvFormatException(recordLine, "A quoted field is not closed.");
        }

        fields.Add(Cell(field, fields.Count, recordLine));
        if (fields.Count > 1 || fields[0].Length > 0)
        {
            yield return new CsvRecord(recordLine, fields);
        }
    }

    private static string Cell(StringBuilder field, int index, int line)
    {
        var cell = field.ToString();
        return ClientText.Problem(cell, multiLine: true) is { } problem
            ? throw new CsvFormatException(line, $"Column {index + 1}: {problem}", index + 1)
            : cell;
    }

    private static void Append(StringBuilder field, char c, int maxFieldLength, int line)
    {
        if (field.Length >= maxFieldLength)
        {
            throw new CsvFormatException(line, $"A field is longer than {maxFieldLength} characters.");
        }

        field.Append(c);
    }
}
