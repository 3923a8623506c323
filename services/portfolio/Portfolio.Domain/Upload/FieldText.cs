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
    /// Reads a plain invariant decimal: an optional sign, digits, and an optional point with at most
    /// <paramref name="maxDecimals"/> digits after it; no thousands separators, exponent or currency sign.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, int maxDecimals, out decimal value, out string? error)
    {
        value = 0;
        var start = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        var point = -1;
        for (var i = start; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
            }
            else if (text[i] == '.' && point < 0)
            {
                point = i;
            }
            else
            {
                digits = 0;
                break;
            }
        }

        if (digits == 0)
        {
            error = "must be a plain number such as 1234.56 (no thousands separators or exponent)";
            return false;
        }

        if (point >= 0 && text.Length - point - 1 > maxDecimals)
        {
            error = $"must have at most {maxDecimals} decimal places";
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out value))
        {
            error = "is too large";
            return false;
        }

        error = null;
        return true;
    }
}
