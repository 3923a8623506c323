namespace Portfolio.Domain.Instruments;

/// <summary>
/// Fixed-width ASCII digit fields read by hand: symbols and upload files are checked on every row, and the
/// culture-aware parsers accept forms (other digits, signs, spaces) these formats do not allow.
/// </summary>
internal static class AsciiDigits
{
    public static bool TryRead(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>A real calendar date from digit fields; <paramref name="century"/> is added to the year (2000 for yy).</summary>
    public static bool TryReadDate(ReadOnlySpan<char> year, ReadOnlySpan<char> month, ReadOnlySpan<char> day, int century, out DateOnly date)
    {
        date = default;
        if (!TryRead(year, out var y) || !TryRead(month, out var m) || !TryRead(day, out var d))
        {
            return false;
        }

        y += century;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }
}
