namespace Platform.SharedKernel;

/// <summary>
/// The one rule for text a client sends, applied to query strings, paths, JSON bodies and CSV cells
/// alike: no NUL (PostgreSQL cannot store it), no other C0 or C1 control characters or DEL (invisible,
/// and they corrupt logs, exports and terminals), and no unpaired UTF-16 surrogates (not Unicode text
/// at all: they cannot be encoded as UTF-8). Tab, CR and LF are allowed only where text may span lines.
/// </summary>
public static class ClientText
{
    /// <summary>Why <paramref name="text"/> breaks the rule, or null when it keeps it.</summary>
    /// <param name="multiLine">Whether tab, CR and LF are allowed (free text in bodies, CSV cells) or not (query strings, paths, single-line fields).</param>
    public static string? Problem(ReadOnlySpan<char> text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"Contains an unpaired UTF-16 surrogate (U+{(int)c:X4}) at character {i + 1}; send valid Unicode text.";
            }

            if (char.IsControl(c) && !(multiLine && c is '\t' or '\r' or '\n'))
            {
                return $"Contains the control character U+{(int)c:X4} at character {i + 1}, which is not allowed here.";
            }
        }

        return null;
    }
}
