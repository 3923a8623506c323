namespace Portfolio.Domain.Upload;

/// <summary>Where each known column sits in a positions file, read from its header row.</summary>
internal sealed class PositionColumns
{
    public const string Symbol = "symbol";
    public const string Quantity = "quantity";
    public const string EntryPrice = "entryPrice";
    public const string EntryDate = "entryDate";
    public const string Tags = "tags";
    public const string Strategy = "strategy";
    public const string Multiplier = "multiplier";
    public const string Currency = "currency";

    private static readonly string[] Required = [Symbol, Quantity, EntryPrice, EntryDate];
    private static readonly string[] Known = [.. Required, Tags, Strategy, Multiplier, Currency];

    private readonly int[] _indexOfKnown;

    private PositionColumns(int[] indexOfKnown, int count)
    {
        _indexOfKnown = indexOfKnown;
        Count = count;
    }

    public int Count { get; }

    /// <summary>
    /// Matches header names case-insensitively. Unknown and duplicate columns are errors so that a typo
    /// cannot silently drop data; null when a required column is missing and no row can be read.
    /// </summary>
    public static PositionColumns? Read(CsvRecordReader header, RowErrors errors)
    {
        if (header.Problem is not null)
        {
            errors.Add(header.Line, "header", header.Problem);
            return null;
        }

        var indexOfKnown = new int[Known.Length];
        Array.Fill(indexOfKnown, -1);
        for (var field = 0; field < header.FieldCount; field++)
        {
            // A caller's TextReader may not have stripped a byte order mark.
            var name = header[field].Trim(' ').TrimStart('\ufeff');
            var known = IndexOfKnown(name);
            if (known < 0)
            {
                errors.Add(header.Line, name.ToString(), $"unknown column; the columns are {string.Join(", ", Known)}");
            }
            else if (indexOfKnown[known] >= 0)
            {
                errors.Add(header.Line, Known[known], "the column appears more than once");
            }
            else
            {
                indexOfKnown[known] = field;
            }
        }

        var complete = true;
        for (var known = 0; known < Required.Length; known++)
        {
            if (indexOfKnown[known] < 0)
            {
                errors.Add(header.Line, Required[known], "required column is missing from the header");
                complete = false;
            }
        }

        return complete ? new PositionColumns(indexOfKnown, header.FieldCount) : null;
    }

    /// <summary>The field index of a known column, or −1 when the file does not have it.</summary>
    public int IndexOf(string column) => _indexOfKnown[Array.IndexOf(Known, column)];

    private static int IndexOfKnown(ReadOnlySpan<char> name)
    {
        for (var known = 0; known < Known.Length; known++)
        {
            if (name.Equals(Known[known], StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return -1;
    }
}
