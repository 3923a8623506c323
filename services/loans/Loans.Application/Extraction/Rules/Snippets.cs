using System.Text;

namespace Loans.Application.Extraction.Rules;

/// <summary>The source text around a match, short enough to show beside the value.</summary>
internal static class Snippets
{
    public const int MaxLength = 200;

    private const int Before = 60;

    /// <summary>Up to <see cref="MaxLength"/> characters starting a little before <paramref name="index"/>, on one line.</summary>
    public static string Around(string text, int index)
    {
        var start = Math.Max(0, index - Before);
        var length = Math.Min(MaxLength * 2, text.Length - start);
        var clean = new StringBuilder(MaxLength);
        var lastWasSpace = true;
        foreach (var c in text.AsSpan(start, length))
        {
            // Line breaks and tabs separate words in the source, so they become one space; every other
            // control character is dropped.
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    clean.Append(' ');
                    lastWasSpace = true;
                }
            }
            else if (!char.IsControl(c))
            {
                clean.Append(c);
                lastWasSpace = false;
            }

            if (clean.Length >= MaxLength)
            {
                break;
            }
        }

        return clean.ToString().Trim();
    }
}
