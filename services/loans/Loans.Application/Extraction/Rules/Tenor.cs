using System.Globalization;
using System.Text.RegularExpressions;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// A term counted from a named date, or from closing when none is named: "five (5) years after the Closing Date", "60 months from the
/// Effective Date", "the fifth anniversary of the Closing Date".
/// </summary>
internal sealed partial record Tenor(int Months, string Anchor, bool AnchorNamed)
{
    private const string Count =
        @"(?<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|twenty-four|thirty|thirty-six|forty-eight|sixty|eighty-four|one hundred twenty)";

    private const string Ordinal = @"(?<o>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))";

    private const string AnchorWords = @"(?:initial\s+|first\s+)?(?:closing|effective|funding|signing|agreement|drawdown|utili[sz]ation|execution)(?:\s+date)?";

    [GeneratedRegex(
        @"(?:" + Count + @"\s*(?:\(\d{1,3}\)\s*)?[- ]?(?<unit>years?|months?)\b(?:\s+(?:after|from|following|of)\s+" + @"(?:the\s+)?(?<anchor>" + AnchorWords + "))?|" + Ordinal + @"\s+anniversary\s+of\s+" + @"(?:the\s+)?(?<anchor2>" + AnchorWords + "))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    private static readonly string[] Words =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static readonly string[] Ordinals =
        ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    public static Tenor? Find(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        // A bare tenor ("Tenor: 5 years") runs from closing, as term sheets mean it.
        var anchor = match.Groups["anchor2"].Success ? AnchorKey(match.Groups["anchor2"].Value)
            : match.Groups["anchor"].Success ? AnchorKey(match.Groups["anchor"].Value) : "closing";
        if (match.Groups["o"].Success)
        {
            var ordinal = match.Groups["o"].Value.ToLowerInvariant();
            var years = char.IsDigit(ordinal[0]) ? int.Parse(ordinal[..^2], CultureInfo.InvariantCulture) : Array.IndexOf(Ordinals, ordinal);
            return years > 0 ? new Tenor(years * 12, anchor, AnchorNamed: true) : null;
        }

        var count = CountOf(match.Groups["n"].Value);
        if (count is null or <= 0)
        {
            return null;
        }

        var months = match.Groups["unit"].Value.StartsWith("y", StringComparison.OrdinalIgnoreCase) ? count.Value * 12 : count.Value;
        return new Tenor(months, anchor, match.Groups["anchor"].Success);
    }

    /// <summary>"Closing Date", "the closing date" and "Closing" name the same anchor.</summary>
    public static string AnchorKey(string name)
    {
        var words = name.ToLowerInvariant().Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("date" or "initial" or "first" or "the"));
        var key = string.Join(' ', words);
        return key.StartsWith("utili", StringComparison.Ordinal) ? "drawdown" : key;
    }

    public DateOnly From(DateOnly anchorDate) => anchorDate.AddMonths(Months);

    private static int? CountOf(string text)
    {
        var lower = text.ToLowerInvariant();
        if (int.TryParse(lower, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var index = Array.IndexOf(Words, lower);
        if (index >= 0)
        {
            return index;
        }

        return lower switch
        {
            "fifteen" => 15,
            "eighteen" => 18,
            "twenty" => 20,
            "twenty-four" => 24,
            "thirty" => 30,
            "thirty-six" => 36,
            "forty-eight" => 48,
            "sixty" => 60,
            "eighty-four" => 84,
            "one hundred twenty" => 120,
            _ => null,
        };
    }
}
