using System.Globalization;

namespace Portfolio.Domain.Upload;

/// <summary>The text rules every field of a positions file obeys, written for speed over 100,000 rows.</summary>
internal static class FieldText
{
    /// <summary>
    /// The first character that has no place in a field: control characters (NUL, tab, newlines), invisible
    /// format characters such as U+202E, which can make a symbol display as something else, and U+FFFD,
    /// which stands for bytes that were not valid UTF-8. Null when there is none.
    /// </summary>
    public static char? FindForbidden(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is >= ' ' and < '\u007f')
            {
                continue;
            }

            if (c is '\ufffd' || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a plain decimal: an optional sign, digits, and an optional point with at most
    /// <paramref name="maxDecimals"/> digits after it; no thousands separators, exponent or currency sign.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, int maxDecimals, out decimal value, out string? error)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == '-';
        var start = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        ulong mantissa = 0;
        var digits = 0;
        var decimals = -1;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && decimals < 0)
            {
                decimals = 0;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                digits = 0;
                break;
            }

            if (mantissa > (ulong.MaxValue - 9) / 10)
            {
                error = "is too large";
                return false;
            }

            mantissa = (mantissa * 10) + (ulong)(c - '0');
            digits++;
            decimals += decimals >= 0 ? 1 : 0;
        }

        if (digits == 0)
        {
            error = "must be a plain number such as 1234.56 (no thousands separators or exponent)";
            return false;
        }

        if (decimals > maxDecimals)
        {
            error = $"must have at most {maxDecimals} decimal places";
            return false;
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative && mantissa != 0, (byte)Math.Max(0, decimals));
        error = null;
        return true;
    }
}
