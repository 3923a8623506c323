using System.Globalization;
using System.Text.RegularExpressions;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// Amounts written in figures with a currency before or after them ("USD 25,000,000", "$25 million",
/// "EUR 40m", "€ 7.5 million", "25.000.000 EUR"). Amounts in words are not read: term sheets that write
/// them also give the figures ("Twenty-five million U.S. dollars (US$25,000,000)").
/// </summary>
internal static partial class Money
{
    private const string Number = @"(?<n>\d{1,3}(?:(?:,|\.|'|’| )\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?)";

    private const string Multiplier = @"(?:[ ]?(?<m>million|mio\.?|mln|mn|mm|m|billion|bn|b|thousand|k)\b)?";

    private const string SymbolBefore =
        @"(?<cb>US\$|U\.S\.[ ]?\$|USD|(?:U\.S\.|US|United[ ]States|Canadian|Australian)[ ]dollars?|euros?|pounds[ ]sterling|sterling|swiss[ ]francs?|yen|EUR|€|GBP|£|CHF|CAD|C\$|CA\$|AUD|A\$|JPY|¥|SEK|NOK|DKK|SGD|S\$|HKD|HK\$|NZD|ZAR|\$)";

    private const string CodeAfter =
        @"(?<ca>USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|SGD|HKD|NZD|ZAR|(?:U\.S\.|US|United[ ]States)[ ]dollars?|dollars?|euros?|pounds(?:[ ]sterling)?|sterling|swiss[ ]francs?)\b";

    [GeneratedRegex(SymbolBefore + @"\s?" + Number + Multiplier + "|" + Number + Multiplier + @"[ ]?" + CodeAfter, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    /// <summary>Every amount in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<MoneyAmount> FindAll(string text)
    {
        foreach (Match match in Amount().Matches(text))
        {
            if (TryRead(match) is { } amount)
            {
                yield return amount;
            }
        }
    }

    public static MoneyAmount? First(string text) => FindAll(text).FirstOrDefault();

    private static MoneyAmount? TryRead(Match match)
    {
        var symbol = match.Groups["cb"].Success ? match.Groups["cb"].Value : match.Groups["ca"].Value;
        var currency = Currencies.FromSymbol(symbol);
        var multiplier = MultiplierOf(match.Groups["m"].Value);
        if (currency is null || ParseNumber(match.Groups["n"].Value, multiplier != 1) is not { } number)
        {
            return null;
        }

        return new MoneyAmount(decimal.Round(number * multiplier, 2), currency, match.Index, match.Length);
    }

    private static decimal MultiplierOf(string word) => word.ToUpperInvariant().TrimEnd('.') switch
    {
        "" => 1m,
        "THOUSAND" or "K" => 1_000m,
        "BILLION" or "BN" or "B" => 1_000_000_000m,
        _ => 1_000_000m,
    };

    /// <summary>
    /// Reads US ("25,000,000.00"), continental ("25.000.000,00") and Swiss ("25'000'000") groupings. A
    /// single group after a point ("7.500") is a thousands group unless a multiplier follows ("7.5 million").
    /// </summary>
    private static decimal? ParseNumber(string digits, bool hasMultiplier)
    {
        var text = digits.Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var lastComma = text.LastIndexOf(',');
        var lastPoint = text.LastIndexOf('.');
        string invariant;
        if (lastComma >= 0 && lastPoint >= 0)
        {
            invariant = lastPoint > lastComma
                ? text.Replace(",", "", StringComparison.Ordinal)
                : text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }
        else if (lastComma >= 0)
        {
            invariant = text.Length - lastComma == 4 ? text.Replace(",", "", StringComparison.Ordinal) : text.Replace(',', '.');
        }
        else if (lastPoint >= 0)
        {
            var groups = text.Split('.');
            var thousands = groups.Skip(1).All(g => g.Length == 3) && (groups.Length > 2 || !hasMultiplier);
            invariant = thousands ? text.Replace(".", "", StringComparison.Ordinal) : text;
        }
        else
        {
            invariant = text;
        }

        return decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
