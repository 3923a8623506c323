using System.Text.RegularExpressions;
using Loans.Domain.Sheets;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// Rate type, fixed rate, benchmark and margin. Floating evidence is a benchmark tied to a margin
/// ("Term SOFR + 2.75%", "SOFR plus 275 basis points", "3.10% p.a. over EURIBOR"), a margin cell with a
/// benchmark cell, or an interest cell naming a benchmark. Fixed evidence is a fixed rate ("fixed rate of
/// 6.25% per annum", "Fixed Rate: 6.25%") or an interest cell with a bare percentage. The stronger kind
/// decides the rate type, and only the fields of that type are reported. Anything in a default-interest
/// clause is ignored.
/// </summary>
internal static partial class RateRules
{
    private const string Spread = @"(?<num>\d{1,3}(?:\.\d{1,4})?)\s*(?<unit>%|per\s*cent\b|percent\b|bps\b|b\.p\.|bp\b|basis\s+points\b)";

    private const string Percent = @"(?<pct>\d{1,2}(?:\.\d{1,5})?)\s*(?:%|per\s*cent\b|percent\b)";

    private const string PercentAfterFixedAt = @"(?<pct2>\d{1,2}(?:\.\d{1,5})?)\s*(?:%|per\s*cent\b|percent\b)";

    private const string PercentBeforeFixed = @"(?<pct3>\d{1,2}(?:\.\d{1,5})?)\s*(?:%|per\s*cent\b|percent\b)";

    [GeneratedRegex(
        Benchmarks.Pattern + @"(?:\s*\([^)]{0,80}\))?[^.;%\d+]{0,60}?(?:\+|\bplus\b)(?:\s*(?:a|the)?\s*(?:applicable\s+)?margin(?:\s+of)?)?(?:\s*\([^)]{0,30}\))?\s*" + Spread,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BenchmarkPlusSpread();

    [GeneratedRegex(
        Spread + @"(?:\s*(?:per\s+annum|p\.\s?a\.?|pa\b))?\s*(?:over|above|plus|in\s+excess\s+of|\+)\s+" + Benchmarks.Pattern,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpreadOverBenchmark();

    [GeneratedRegex(
        @"\bfixed\s+(?:interest\s+)?(?:rate|coupon)(?:\s+of\s+interest)?\s*(?:of|equal\s+to|at|:|\||=)?\s*(?:\s*the\s+rate\s+of\s+)?" + Percent
        + @"|\bfixed\s+at\s+" + PercentAfterFixedAt
        + @"|" + PercentBeforeFixed + @"\s*(?:per\s+annum|p\.\s?a\.?)?\s*,?\s*\(?\s*fixed\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FixedRate();

    [GeneratedRegex(Labels.Start + @"(?:applicable[ \t]+)?(?:interest[ \t]+)?(?:margin|spread)" + Labels.End, Labels.Options)]
    private static partial Regex MarginLabel();

    [GeneratedRegex(Labels.Start + @"(?:benchmark|benchmark[ \t]+rate|reference[ \t]+rate|base[ \t]+rate|index|floating[ \t]+rate[ \t]+index)" + Labels.End, Labels.Options)]
    private static partial Regex BenchmarkLabel();

    [GeneratedRegex(Labels.Start + @"(?:interest(?:[ \t]+rates?)?|interest[ \t]+rate[ \t]+basis|pricing|applicable[ \t]+(?:interest[ \t]+)?rate|rate(?:[ \t]+of[ \t]+interest)?|coupon|fixed[ \t]+(?:interest[ \t]+)?rate)" + Labels.End, Labels.Options)]
    private static partial Regex InterestLabel();

    [GeneratedRegex(Benchmarks.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyBenchmark();

    [GeneratedRegex(Spread, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnySpread();

    [GeneratedRegex(Percent, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyPercent();

    /// <summary>Clauses about something other than the loan's ordinary interest.</summary>
    [GeneratedRegex(@"\b(?:default|overdue|late\s+payment|past\s+due|unpaid|floor|hedg\w*|swap|cap|breakage|fee|commission|utili[sz]ation)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotOrdinaryInterest();

    [GeneratedRegex(@"\b(?:margin|over|above|plus)\b|\+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpreadWord();

    [GeneratedRegex(@"\b(?:default|overdue|late\s+payment|past\s+due|unpaid\s+sum|hedg\w*|swap)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefaultInterestWord();

    [GeneratedRegex(@"^\s*(?:\S+\s+)?(?:default|overdue|late)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefaultInterestLine();

    private sealed record Evidence(bool Floating, decimal Confidence, int Page, string Snippet, string? Benchmark = null, decimal? MarginBps = null, decimal? FixedPercent = null);

    public static IEnumerable<ExtractedValue> Find(TermSheet sheet)
    {
        var evidence = Floating(sheet).Concat(Fixed(sheet)).ToList();
        var floating = evidence.Where(e => e.Floating).ToList();
        var fixedRate = evidence.Where(e => !e.Floating).ToList();
        var floatingStrength = floating.Count == 0 ? 0 : floating.Max(e => e.Confidence);
        var fixedStrength = fixedRate.Count == 0 ? 0 : fixedRate.Max(e => e.Confidence);
        if (floatingStrength == 0 && fixedStrength == 0)
        {
            yield break;
        }

        var isFloating = floatingStrength >= fixedStrength;
        var decisive = (isFloating ? floating : fixedRate).OrderByDescending(e => e.Confidence).First();
        yield return new ExtractedValue(SheetFields.RateType, isFloating ? "floating" : "fixed", decisive.Confidence, decisive.Page, decisive.Snippet);
        foreach (var e in isFloating ? floating : fixedRate)
        {
            if (e.Benchmark is not null)
            {
                yield return new ExtractedValue(SheetFields.Benchmark, e.Benchmark, e.Confidence, e.Page, e.Snippet);
            }

            if (e.MarginBps is { } bps)
            {
                yield return new ExtractedValue(SheetFields.MarginBps, Canonical.Number(decimal.Round(bps)), e.Confidence, e.Page, e.Snippet);
            }

            if (e.FixedPercent is { } percent)
            {
                yield return new ExtractedValue(SheetFields.FixedRatePercent, Canonical.Number(percent), e.Confidence, e.Page, e.Snippet);
            }
        }
    }

    private static IEnumerable<Evidence> Floating(TermSheet sheet)
    {
        foreach (var page in sheet.Pages)
        {
            foreach (var match in BenchmarkPlusSpread().Matches(page.Text).Concat(SpreadOverBenchmark().Matches(page.Text)))
            {
                if (InDefaultClause(page.Text, match.Index))
                {
                    continue;
                }

                var confidence = InInterestCell(page.Text, match.Index) ? Confidence.LabelledCell : Confidence.Prose;
                yield return new Evidence(true, confidence, page.Number, Snippets.Around(page.Text, match.Index),
                    Benchmarks.Canonical(match.Groups["bench"].Value), Bps(match));
            }
        }

        foreach (var labelled in Labels.Find(sheet, MarginLabel()))
        {
            var spread = AnySpread().Match(labelled.Value);
            if (spread.Success && !NotOrdinaryInterest().IsMatch(labelled.Value[..spread.Index]))
            {
                yield return new Evidence(true, labelled.Confidence - 0.05m, labelled.Page.Number, labelled.Snippet, MarginBps: Bps(spread));
            }
        }

        foreach (var labelled in Labels.Find(sheet, BenchmarkLabel()).Concat(Labels.Find(sheet, InterestLabel())))
        {
            var benchmark = AnyBenchmark().Match(labelled.Value);
            if (benchmark.Success && !NotOrdinaryInterest().IsMatch(labelled.Value[..benchmark.Index]))
            {
                yield return new Evidence(true, labelled.Confidence - 0.05m, labelled.Page.Number, labelled.Snippet, Benchmarks.Canonical(benchmark.Groups["bench"].Value));
            }
        }
    }

    private static IEnumerable<Evidence> Fixed(TermSheet sheet)
    {
        foreach (var page in sheet.Pages)
        {
            foreach (Match match in FixedRate().Matches(page.Text))
            {
                if (InDefaultClause(page.Text, match.Index))
                {
                    continue;
                }

                var percent = new[] { "pct", "pct2", "pct3" }.Select(g => match.Groups[g]).First(g => g.Success).Value;
                var confidence = InInterestCell(page.Text, match.Index) ? Confidence.LabelledCell : Confidence.Prose + 0.05m;
                yield return new Evidence(false, confidence, page.Number, Snippets.Around(page.Text, match.Index), FixedPercent: Canonical.ParseDecimal(percent));
            }
        }

        // "Interest Rate: 6.25% per annum" with no benchmark, margin or "over" is a fixed rate.
        foreach (var labelled in Labels.Find(sheet, InterestLabel()))
        {
            var percent = AnyPercent().Match(labelled.Value);
            if (percent.Success && !AnyBenchmark().IsMatch(labelled.Value) && !NotOrdinaryInterest().IsMatch(labelled.Value[..percent.Index])
                && !SpreadWord().IsMatch(labelled.Value))
            {
                yield return new Evidence(false, labelled.Confidence - 0.1m, labelled.Page.Number, labelled.Snippet, FixedPercent: Canonical.ParseDecimal(percent.Groups["pct"].Value));
            }
        }
    }

    private static decimal Bps(Match spread)
    {
        var number = Canonical.ParseDecimal(spread.Groups["num"].Value);
        var unit = spread.Groups["unit"].Value.ToUpperInvariant();
        return unit.StartsWith('B') ? number : number * 100m;
    }

    private static bool InDefaultClause(string text, int index) =>
        DefaultInterestWord().IsMatch(Clauses.Before(text, index)) || DefaultInterestLine().IsMatch(Clauses.LineAt(text, index));

    private static bool InInterestCell(string text, int index)
    {
        var line = Clauses.LineAt(text, index);
        return InterestLabel().IsMatch(line) || MarginLabel().IsMatch(line);
    }
}
