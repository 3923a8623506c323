using System.Text;

namespace Platform.ServiceDefaults.Csv;

/// <summary>
/// RFC 4180 output: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes doubled.
/// Text from users goes through <see cref="WriteText"/>, which also neutralises spreadsheet formulas.
/// </summary>
public sealed class CsvWriter(TextWriter output)
{
    private readonly StringBuilder _line = new(1024);
    private bool _firstField = true;

    /// <summary>A value the service formatted itself (numbers, dates, codes): written as is, quoted if needed.</summary>
    public CsvWriter Write(string? value)
    {
        if (!_firstField)
        {
            _line.Append(',');
        }

        _firstField = false;
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _line.Append(value);
        }
        else
        {
            _line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return this;
    }

    /// <summary>
    /// Text a user typed. A cell starting with <c>= + - @</c>, tab or CR would run as a formula in a
    /// spreadsheet (OWASP "CSV injection"): it gets a leading apostrophe, which spreadsheets show as text.
    /// </summary>
    public CsvWriter WriteText(string? value) => Write(NeutralizeFormula(value));

    public static string? NeutralizeFormula(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>The reverse of <see cref="NeutralizeFormula"/>, so an export imports back unchanged.</summary>
    public static string? RestoreFormula(string? value) =>
        value is { Length: > 1 } && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    public async Task EndLineAsync(CancellationToken cancellationToken)
    {
        _line.Append("\r\n");
        await output.WriteAsync(_line, cancellationToken);
        _line.Clear();
        _firstField = true;
    }
}
