using System.Text.RegularExpressions;

namespace Platform.Persistence;

/// <summary>Free-text filters over a stored <c>tsvector</c> column (<c>to_tsvector('simple', …)</c>).</summary>
public static partial class TextSearch
{
    /// <summary>
    /// The <c>tsquery</c> text for "every word starts a word of the column": words become prefix terms
    /// joined by AND. Only letters and digits pass, so nothing a user types can change the query's
    /// structure. Null when the text has no word.
    /// </summary>
    public static string? PrefixQuery(string? text, int maxWords = 8)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value + ":*").Take(maxWords).ToList();
        return words.Count == 0 ? null : string.Join(" & ", words);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
