using Platform.SharedKernel;
using Portfolio.Domain.Instruments;

namespace Portfolio.Domain.Upload;

/// <summary>
/// Turns one data record into a <see cref="PositionRow"/>, reporting every bad field of it rather than
/// stopping at the first, so that one upload attempt shows the user everything to fix.
/// </summary>
internal sealed class PositionRowParser(PositionColumns columns, DateOnly today, RowErrors errors)
{
    private const int MaxTickerLength = 12;
    private const int MaxDecimals = 6;
    private const decimal MaxMagnitude = 1_000_000_000_000m;
    private const int MaxTags = 20;
    private const int MaxTagLength = 40;
    private const int MaxStrategyLength = 100;
    private const decimal StockMultiplier = 1m;
    private const decimal OptionMultiplier = 100m;
    private static readonly DateOnly EarliestEntryDate = new(1900, 1, 1);

    private readonly TextPool _pool = new();
    private readonly int _symbol = columns.IndexOf(PositionColumns.Symbol);
    private readonly int _quantity = columns.IndexOf(PositionColumns.Quantity);
    private readonly int _entryPrice = columns.IndexOf(PositionColumns.EntryPrice);
    private readonly int _entryDate = columns.IndexOf(PositionColumns.EntryDate);
    private readonly int _tags = columns.IndexOf(PositionColumns.Tags);
    private readonly int _strategy = columns.IndexOf(PositionColumns.Strategy);
    private readonly int _multiplier = columns.IndexOf(PositionColumns.Multiplier);
    private readonly int _currency = columns.IndexOf(PositionColumns.Currency);

    public PositionRow? Parse(CsvRecordReader record)
    {
        var line = record.Line;
        if (record.FieldCount != columns.Count)
        {
            errors.Add(line, "row", $"expected {columns.Count} fields as in the header, found {record.FieldCount}");
            return null;
        }

        var errorsBefore = errors.Total;
        var (symbol, option) = ReadSymbol(record);
        var quantity = ReadDecimal(record, _quantity, PositionColumns.Quantity);
        if (quantity == 0)
        {
            errors.Add(line, PositionColumns.Quantity, "must not be zero");
        }

        var entryPrice = ReadDecimal(record, _entryPrice, PositionColumns.EntryPrice);
        if (entryPrice < 0)
        {
            errors.Add(line, PositionColumns.EntryPrice, "must not be negative");
        }

        var entryDate = ReadEntryDate(record);
        if (option is not null && entryDate is { } entered && option.Expiry < entered)
        {
            errors.Add(line, PositionColumns.Symbol, $"the option expired on {option.Expiry:yyyy-MM-dd}, before its entry date");
        }

        var multiplier = ReadMultiplier(record, symbol, option);
        var tags = ReadTags(record);
        var strategy = ReadOptionalText(record, _strategy, PositionColumns.Strategy);
        if (strategy?.Length > MaxStrategyLength)
        {
            errors.Add(line, PositionColumns.Strategy, $"must be at most {MaxStrategyLength} characters");
        }

        var currency = ReadOptionalText(record, _currency, PositionColumns.Currency);
        if (currency is not null && !Iso4217.IsActive(currency))
        {
            errors.Add(line, PositionColumns.Currency, "must be an active ISO 4217 code in capitals, such as USD");
        }

        if (errors.Total != errorsBefore)
        {
            return null;
        }

        return new PositionRow(line, symbol!, quantity!.Value, entryPrice!.Value, entryDate!.Value,
            PositionTypes.Detect(quantity.Value, option?.Right), option, multiplier, tags, strategy, currency);
    }

    /// <summary>The field without surrounding spaces; false (and reported) when it holds a forbidden character.</summary>
    private bool TryText(CsvRecordReader record, int field, string name, out ReadOnlySpan<char> text)
    {
        text = field < 0 ? default : record[field].Trim(' ');
        if (FieldText.FindForbidden(text) is { } forbidden)
        {
            errors.Add(record.Line, name, $"contains a control or invisible character (U+{(int)forbidden:X4})");
            return false;
        }

        return true;
    }

    private bool TryRequiredText(CsvRecordReader record, int field, string name, out ReadOnlySpan<char> text)
    {
        if (!TryText(record, field, name, out text))
        {
            return false;
        }

        if (text.IsEmpty)
        {
            errors.Add(record.Line, name, "is required");
            return false;
        }

        return true;
    }

    private (string? Symbol, OccSymbol? Option) ReadSymbol(CsvRecordReader record)
    {
        if (!TryRequiredText(record, _symbol, PositionColumns.Symbol, out var text))
        {
            return (null, null);
        }

        if (text.Length <= MaxTickerLength)
        {
            if (IsTicker(text))
            {
                Span<char> upper = stackalloc char[MaxTickerLength];
                var length = text.ToUpperInvariant(upper);
                return (_pool.Get(upper[..length]), null);
            }

            errors.Add(record.Line, PositionColumns.Symbol,
                $"a ticker is 1–{MaxTickerLength} letters, digits, '.' or '-', such as BRK.B");
            return (null, null);
        }

        if (OccSymbol.TryParse(text.ToString(), out var option, out var error))
        {
            return (option.ToString(), option);
        }

        errors.Add(record.Line, PositionColumns.Symbol, $"longer than a ticker and not an OCC option symbol: {error}");
        return (null, null);
    }

    private decimal? ReadDecimal(CsvRecordReader record, int field, string name)
    {
        if (!TryRequiredText(record, field, name, out var text))
        {
            return null;
        }

        if (!FieldText.TryParseDecimal(text, MaxDecimals, out var value, out var error))
        {
            errors.Add(record.Line, name, error!);
            return null;
        }

        if (Math.Abs(value) > MaxMagnitude)
        {
            errors.Add(record.Line, name, $"must be at most {MaxMagnitude:N0} in size");
            return null;
        }

        return value;
    }

    private DateOnly? ReadEntryDate(CsvRecordReader record)
    {
        if (!TryRequiredText(record, _entryDate, PositionColumns.EntryDate, out var text))
        {
            return null;
        }

        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !AsciiDigits.TryReadDate(text[..4], text[5..7], text[8..], century: 0, out var date))
        {
            errors.Add(record.Line, PositionColumns.EntryDate, "must be a real date written yyyy-MM-dd");
            return null;
        }

        if (date > today || date < EarliestEntryDate)
        {
            errors.Add(record.Line, PositionColumns.EntryDate,
                $"must be between {EarliestEntryDate:yyyy-MM-dd} and today ({today:yyyy-MM-dd})");
            return null;
        }

        return date;
    }

    /// <summary>Options default to 100 and may say otherwise (minis, adjusted contracts); a share is always one share.</summary>
    private decimal ReadMultiplier(CsvRecordReader record, string? symbol, OccSymbol? option)
    {
        var standard = option is null ? StockMultiplier : OptionMultiplier;
        if (!TryText(record, _multiplier, PositionColumns.Multiplier, out var text) || text.IsEmpty)
        {
            return standard;
        }

        var multiplier = ReadDecimal(record, _multiplier, PositionColumns.Multiplier) ?? standard;
        if (multiplier <= 0)
        {
            errors.Add(record.Line, PositionColumns.Multiplier, "must be greater than zero");
        }
        else if (symbol is not null && option is null && multiplier != StockMultiplier)
        {
            errors.Add(record.Line, PositionColumns.Multiplier, "must be 1 for a stock or ETF");
        }

        return multiplier;
    }

    private IReadOnlyList<string> ReadTags(CsvRecordReader record)
    {
        if (!TryText(record, _tags, PositionColumns.Tags, out var text) || text.IsEmpty)
        {
            return [];
        }

        var tags = new List<string>();
        foreach (var range in text.Split(';'))
        {
            var tag = text[range].Trim(' ');
            if (tag.IsEmpty)
            {
                continue;
            }

            if (tag.Length > MaxTagLength)
            {
                errors.Add(record.Line, PositionColumns.Tags, $"each tag must be at most {MaxTagLength} characters");
                return [];
            }

            tags.Add(_pool.Get(tag));
        }

        if (tags.Count > MaxTags)
        {
            errors.Add(record.Line, PositionColumns.Tags, $"at most {MaxTags} tags per row");
            return [];
        }

        return tags;
    }

    private string? ReadOptionalText(CsvRecordReader record, int field, string name) =>
        TryText(record, field, name, out var text) && !text.IsEmpty ? _pool.Get(text) : null;

    private static bool IsTicker(ReadOnlySpan<char> text)
    {
        if (!char.IsAsciiLetterOrDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-')
            {
                return false;
            }
        }

        return true;
    }
}
