using System.Text.RegularExpressions;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// The stretch of text a term's value may be read from: forward to the end of its clause, backward to
/// its start. Clauses end at a sentence break, a semicolon, a blank line or a new labelled row, so a value
/// is never borrowed from the next term.
/// </summary>
internal static partial class Clauses
{
    public const int MaxWindow = 220;

    [GeneratedRegex(@"\.(?=\s+[A-Z(])|;|\n[ \t]*\n|\n(?=[ \t]*[A-Za-z][A-Za-z /&'’()-]{1,40}(?:[:|\t]|[ ]{2,}))", RegexOptions.CultureInvariant)]
    private static partial Regex End();

    /// <summary>A clause starts after a sentence, a blank line, a cell separator or a line that opens a labelled row.</summary>
    [GeneratedRegex(@"\.(?=\s+[A-Z(])|;|\n[ \t]*\n|[:|\t]|\n(?=[ \t]*(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t]+|\([a-z0-9]{1,3}\)[ \t]+)?[A-Za-z][A-Za-z /&'’()-]{1,40}(?:[:|\t…]|\.{2,}|[ ]{2,}|\.[ ]))", RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex Start();

    /// <summary>Past the punctuation between a heading and its text ("Agency fee. JPY 3,000,000").</summary>
    public static int SkipSeparator(string text, int index)
    {
        while (index < text.Length && (text[index] is '.' or ':' or '|' or '-' or '–' or '—' || char.IsWhiteSpace(text[index])))
        {
            index++;
        }

        return index;
    }

    /// <summary>The text from <paramref name="index"/> to the end of its clause.</summary>
    public static string After(string text, int index)
    {
        var length = Math.Min(MaxWindow, text.Length - index);
        var end = End().Match(text, index, length);
        return end.Success ? text[index..end.Index] : text.Substring(index, length);
    }

    /// <summary>The text of the clause before <paramref name="index"/>, across wrapped lines but not into the row above.</summary>
    public static string Before(string text, int index)
    {
        var from = Math.Max(0, index - MaxWindow);
        var start = Start().Match(text, from, index - from);
        var begin = start.Success ? start.Index + start.Length : from;
        return text[begin..index];
    }

    /// <summary>The whole line around <paramref name="index"/>.</summary>
    public static string LineAt(string text, int index)
    {
        var start = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        var end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)];
    }
}
