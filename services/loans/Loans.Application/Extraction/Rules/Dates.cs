using System.Globalization;
using System.Text.RegularExpressions;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// Calendar dates as term sheets write them: "30 June 2031", "30th June, 2031", "June 30, 2031",
/// "2031-06-30", "30-Jun-2031", and numeric "30/06/2031" only when the day cannot be mistaken for the
/// month (or with dots, the continental day-first convention).
/// </summary>
internal static partial class Dates
{
    private const string MonthName =
        "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

    [GeneratedRegex(
        @"\b(?:(?<d>\d{1,2})(?:st|nd|rd|th)?(?:[ ]day[ ]of)?[ ,]+(?<mon>" + MonthName + @")\.?,?[ ]+(?<y>\d{4})"
        + @"|(?<mon2>" + MonthName + @")\.?[ ]+(?<d2>\d{1,2})(?:st|nd|rd|th)?,?[ ]+(?<y2>\d{4})"
        + @"|(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2})"
        + @"|(?<hd>\d{1,2})-" + "(?<hmon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)" + @"-(?<hy>\d{4})"
        + @"|(?<a>\d{1,2})(?<sep>[/.])(?<b>\d{1,2})\k<sep>(?<ny>\d{4}))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    /// <summary>Every readable date in <paramref name="text"/>, with where it starts.</summary>
    public static IEnumerable<(DateOnly Date, int Index)> FindAll(string text)
    {
        foreach (Match match in Date().Matches(text))
        {
            if (Read(match) is { } date)
            {
                yield return (date, match.Index);
            }
        }
    }

    public static DateOnly? First(string text) => FindAll(text).Select(found => (DateOnly?)found.Date).FirstOrDefault();

    private static DateOnly? Read(Match m)
    {
        if (m.Groups["mon"].Success)
        {
            return Make(m.Groups["y"].Value, MonthNumber(m.Groups["mon"].Value), m.Groups["d"].Value);
        }

        if (m.Groups["mon2"].Success)
        {
            return Make(m.Groups["y2"].Value, MonthNumber(m.Groups["mon2"].Value), m.Groups["d2"].Value);
        }

        if (m.Groups["iy"].Success)
        {
            return Make(m.Groups["iy"].Value, int.Parse(m.Groups["im"].Value, CultureInfo.InvariantCulture), m.Groups["id"].Value);
        }

        if (m.Groups["hmon"].Success)
        {
            return Make(m.Groups["hy"].Value, MonthNumber(m.Groups["hmon"].Value), m.Groups["hd"].Value);
        }

        var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
        var dayFirst = m.Groups["sep"].Value == "." || a > 12 || a == b;
        if (!dayFirst && b <= 12)
        {
            return null;
        }

        return dayFirst
            ? Make(m.Groups["ny"].Value, b, m.Groups["a"].Value)
            : Make(m.Groups["ny"].Value, a, m.Groups["b"].Value);
    }

    private static int MonthNumber(string name) =>
        Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, abbreviation =>
            abbreviation.Length > 0 && name.StartsWith(abbreviation, StringComparison.OrdinalIgnoreCase)) + 1;

    private static DateOnly? Make(string year, int month, string day)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && y is >= 1900 and <= 2200 && d >= 1 && d <= DateTime.DaysInMonth(y, month)
            ? new DateOnly(y, month, d)
            : null;
    }
}
