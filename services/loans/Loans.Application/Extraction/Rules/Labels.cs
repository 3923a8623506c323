using System.Buffers;
using System.Text.RegularExpressions;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// Finds labelled values. A field's label pattern is <see cref="Start"/> + its label alternatives +
/// <see cref="End"/>, compiled by the field's own rules, so the shape of a label line is written once.
/// </summary>
internal static class Labels
{
    /// <summary>
    /// Start of line, optional clause numbering ("1.", "2.3", "(a)", "A."), an optional other role sharing
    /// the cell ("Account Party / Borrower"), optional "The", "Original" or "Initial".
    /// </summary>
    public const string Start = @"^[ \t]*(?:(?:\d{1,2}(?:\.\d{1,2})*\.?|\(?[a-zA-Z0-9]{1,3}\)|[a-zA-Z]\.)[ \t]+)?(?:[A-Za-z][A-Za-z ]{0,30}[ \t]*/[ \t]*)?(?:the[ \t]+)?(?:(?:original|initial)[ \t]+)?(?:";

    /// <summary>
    /// An optional parenthesis ("Borrower(s)"), the separator (colon, bar, tab, dot leaders, a heading's
    /// full stop, a dash, a wide gap or one space) and the rest of the line.
    /// </summary>
    public const string End = @")(?:[ \t]*\([^)\n]{0,30}\))?(?<sep>[ \t]*(?:[:|\t]|\.{2,}|…+)[ \t.…]*|\.[ \t]+|[ \t]{2,}|[ \t]+[-–—][ \t]+|[ \t]+|[ \t]*$)(?<value>[^\n]*)$";

    public const RegexOptions Options = RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly SearchValues<char> SeparatorMarks = SearchValues.Create(":|\t.…-–—");

    /// <summary>Every labelled value in the sheet, in document order.</summary>
    public static IEnumerable<LabelledValue> Find(TermSheet sheet, Regex label)
    {
        foreach (var page in sheet.Pages)
        {
            foreach (Match match in label.Matches(page.Text))
            {
                var value = match.Groups["value"].Value.Trim().TrimStart(':', '|', '-', '–', '—').Trim();
                var separator = match.Groups["sep"].Value;
                var explicitSeparator = separator.AsSpan().IndexOfAny(SeparatorMarks) >= 0 || separator.Contains("  ", StringComparison.Ordinal);
                if (value.Length == 0)
                {
                    var next = NextLine(page.Text, match.Index + match.Length);
                    if (next is null)
                    {
                        continue;
                    }

                    yield return new LabelledValue(page, match.Index, next, ExplicitSeparator: false);
                    continue;
                }

                yield return new LabelledValue(page, match.Index, value, explicitSeparator);
            }
        }
    }

    /// <summary>The next non-blank line after <paramref name="index"/>, skipping at most one blank line.</summary>
    private static string? NextLine(string text, int index)
    {
        var blankLines = 0;
        while (index < text.Length)
        {
            var end = text.IndexOf('\n', index + 1);
            var line = text[(index + 1)..(end < 0 ? text.Length : end)].Trim().Trim('|').Trim();
            if (line.Length > 0)
            {
                return line;
            }

            if (++blankLines > 1 || end < 0)
            {
                return null;
            }

            index = end;
        }

        return null;
    }
}
