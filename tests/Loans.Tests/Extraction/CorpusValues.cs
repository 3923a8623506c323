using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Loans.Application.Extraction;
using Loans.Domain.Sheets;

namespace Loans.Tests.Extraction;

/// <summary>
/// The corpus's expected JSON turned into the extractor's value strings, and the comparison the
/// evaluation uses: numbers numerically, text case-insensitively after collapsing whitespace and
/// trimming a trailing '.' or ','. Items such as "upfront:50bps" compare part by part.
/// </summary>
public static partial class CorpusValues
{
    public static readonly string[] ScalarFields =
    [
        SheetFields.Borrower, SheetFields.Principal, SheetFields.Currency, SheetFields.RateType, SheetFields.FixedRatePercent,
        SheetFields.Benchmark, SheetFields.MarginBps, SheetFields.MaturityDate, SheetFields.FacilityType,
    ];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string? Scalar(JsonElement expected, string field) =>
        expected.TryGetProperty(field, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
            _ => value.GetString(),
        } : null;

    public static List<string> Fees(JsonElement expected) =>
        Items(expected, "fees", item => item.TryGetProperty("bps", out var bps) && bps.ValueKind != JsonValueKind.Null
            ? $"{Text(item, "kind")}:{Text(item, "bps")}bps"
            : $"{Text(item, "kind")}:{Text(item, "amount")}");

    public static List<string> Covenants(JsonElement expected) =>
        Items(expected, "covenants", item => $"{Text(item, "kind")}:{Text(item, "value")}");

    public static bool Equal(string expected, string actual)
    {
        var expectedParts = expected.Split(':');
        var actualParts = actual.Split(':');
        return expectedParts.Length == actualParts.Length && expectedParts.Zip(actualParts).All(pair => PartEqual(pair.First, pair.Second));
    }

    private static bool PartEqual(string expected, string actual)
    {
        var unit = expected.EndsWith("bps", StringComparison.OrdinalIgnoreCase) == actual.EndsWith("bps", StringComparison.OrdinalIgnoreCase);
        if (unit && Number(expected) is { } e && Number(actual) is { } a)
        {
            return e == a;
        }

        return string.Equals(Normalise(expected), Normalise(actual), StringComparison.OrdinalIgnoreCase);
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text.Replace("bps", "", StringComparison.OrdinalIgnoreCase), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string Normalise(string text) => Whitespace().Replace(text.Trim(), " ").TrimEnd('.', ',').Trim();

    private static List<string> Items(JsonElement expected, string name, Func<JsonElement, string> format) =>
        expected.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().Select(format).ToList() : [];

    private static string Text(JsonElement item, string name)
    {
        var value = item.GetProperty(name);
        return value.ValueKind == JsonValueKind.Number ? value.GetDecimal().ToString(CultureInfo.InvariantCulture) : value.GetString() ?? "";
    }
}
