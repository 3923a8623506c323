using System.Text;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Input;

/// <summary>
/// Strict reading of <c>application/x-www-form-urlencoded</c> text, the syntax of query strings and of
/// form bodies. The framework turns invalid UTF-8 into U+FFFD or leaves it encoded, so a malformed value
/// would be silently changed rather than refused; this decodes the text as sent.
/// </summary>
public static class UrlEncodedText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The first name or value (without a leading '?') that is not valid UTF-8 under the client text rule
    /// (<see cref="ClientText"/>): the field to name and why; null when every one keeps it.
    /// </summary>
    /// <param name="source">What the text is (<c>query</c>, <c>form</c>): the field named when a parameter name breaks the rule.</param>
    /// <param name="multiLine">Whether values may hold tab, CR and LF (form bodies carry free text; query strings do not).</param>
    public static (string Field, string Message)? Problem(string? encoded, string source, bool multiLine)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        foreach (var pair in encoded.Split('&'))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(separator < 0 ? pair : pair[..separator], plusIsSpace: true);
            if (name is null || ClientText.Problem(name, multiLine: false) is not null)
            {
                return (source, "A parameter name is not valid UTF-8 text without control characters.");
            }

            if (separator < 0)
            {
                continue;
            }

            var value = Decode(pair.AsSpan(separator + 1), plusIsSpace: true);
            if (value is null)
            {
                return (name, "Not valid UTF-8 after percent-decoding.");
            }

            if (ClientText.Problem(value, multiLine) is { } problem)
            {
                return (name, problem);
            }
        }

        return null;
    }

    /// <summary>
    /// Percent-decodes to bytes and reads them as strict UTF-8; null when they are not UTF-8 (or the
    /// literal text holds an unpaired surrogate). A '%' not followed by two hex digits stays as it is,
    /// as the framework reads it.
    /// </summary>
    public static string? Decode(ReadOnlySpan<char> encoded, bool plusIsSpace)
    {
        var bytes = new byte[StrictUtf8.GetMaxByteCount(encoded.Length)];
        var count = 0;
        try
        {
            for (var i = 0; i < encoded.Length;)
            {
                if (encoded[i] == '%' && i + 2 < encoded.Length && char.IsAsciiHexDigit(encoded[i + 1]) && char.IsAsciiHexDigit(encoded[i + 2]))
                {
                    bytes[count++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 3;
                }
                else if (encoded[i] == '+' && plusIsSpace)
                {
                    bytes[count++] = (byte)' ';
                    i++;
                }
                else
                {
                    // Literal text up to the next escape, as UTF-8.
                    var next = encoded[(i + 1)..].IndexOfAny('%', '+');
                    var literal = encoded.Slice(i, next < 0 ? encoded.Length - i : next + 1);
                    count += StrictUtf8.GetBytes(literal, bytes.AsSpan(count));
                    i += literal.Length;
                }
            }

            return StrictUtf8.GetString(bytes, 0, count);
        }
        catch (ArgumentException invalid) when (invalid is DecoderFallbackException or EncoderFallbackException)
        {
            return null;
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
