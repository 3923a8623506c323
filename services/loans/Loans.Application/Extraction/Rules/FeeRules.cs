using System.Text.RegularExpressions;
using Loans.Domain.Sheets;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// Fees as <c>kind:NNbps</c> or <c>kind:amount</c>: a fee name ("Upfront Fee", "commitment fee",
/// "Structuring Fee") and the first rate or amount in its clause. Percentages become basis points. A
/// clause that waives the fee ("no prepayment fee") or sizes it off the margin gives nothing.
/// </summary>
internal static partial class FeeRules
{
    [GeneratedRegex(
        @"\b(?<kind>up[- ]?front|closing|front[- ]end|commitment|unused(?:\s+line)?|undrawn|standby|stand-by|ticking|non[- ]utili[sz]ation|arrangement|structuring|agency|(?:administrative\s+|facility\s+)?agent(?:['’]s)?|utili[sz]ation|prepayment|early\s+repayment)\s+(?:fees?|premium|commission)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FeeName();

    [GeneratedRegex(
        @"(?<bps>\d{1,4}(?:\.\d{1,2})?)\s*(?:bps|b\.p\.|bp|basis\s+points)\b|(?<pct>\d{1,2}(?:\.\d{1,4})?)\s*(?:%|per\s*cent\b|percent\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Rate();

    [GeneratedRegex(@"^\s*(?:of\s+(?:the\s+)?(?:applicable\s+)?margin|of\s+(?:the\s+)?(?:interest|rate))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfTheMargin();

    [GeneratedRegex(@"\b(?:no|without|nil|none|not\s+applicable|n/a|waived)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Waived();

    public static IEnumerable<ExtractedValue> Find(TermSheet sheet)
    {
        foreach (var page in sheet.Pages)
        {
            var names = FeeName().Matches(page.Text);
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                var start = Clauses.SkipSeparator(page.Text, name.Index + name.Length);
                var clause = Clauses.After(page.Text, start);
                if (i + 1 < names.Count && names[i + 1].Index - start < clause.Length)
                {
                    clause = clause[..(names[i + 1].Index - start)];
                }

                if (Waived().IsMatch(Clauses.Before(page.Text, name.Index)) || ValueOf(clause) is not { } value)
                {
                    continue;
                }

                var confidence = Clauses.Before(page.Text, name.Index).Trim().Length == 0 ? Confidence.LabelledCell : Confidence.Prose;
                yield return new ExtractedValue(SheetFields.Fee, $"{Kind(name.Groups["kind"].Value)}:{value}", confidence, page.Number, Snippets.Around(page.Text, name.Index));
            }
        }
    }

    /// <summary>The first rate or amount of the clause, or null when there is none or the fee is waived.</summary>
    private static string? ValueOf(string clause)
    {
        var rate = Rate().Match(clause);
        var amount = Money.First(clause);
        if (amount is not null && (!rate.Success || amount.Index < rate.Index))
        {
            return Waived().IsMatch(clause[..amount.Index]) ? null : Canonical.TwoDecimals(amount.Amount);
        }

        if (!rate.Success || Waived().IsMatch(clause[..rate.Index]) || OfTheMargin().IsMatch(clause[(rate.Index + rate.Length)..]))
        {
            return null;
        }

        var bps = rate.Groups["bps"].Success
            ? Canonical.ParseDecimal(rate.Groups["bps"].Value)
            : Canonical.ParseDecimal(rate.Groups["pct"].Value) * 100m;
        return $"{Canonical.Number(bps)}bps";
    }

    private static string Kind(string written)
    {
        var kind = written.ToLowerInvariant();
        return kind switch
        {
            _ when kind.StartsWith("up", StringComparison.Ordinal) || kind.StartsWith("closing", StringComparison.Ordinal) || kind.StartsWith("front", StringComparison.Ordinal) => "upfront",
            _ when kind.StartsWith("commitment", StringComparison.Ordinal) || kind.StartsWith("unused", StringComparison.Ordinal) || kind.StartsWith("undrawn", StringComparison.Ordinal) || kind.StartsWith("non", StringComparison.Ordinal)
                || kind.StartsWith("stand", StringComparison.Ordinal) || kind.StartsWith("ticking", StringComparison.Ordinal) => "commitment",
            _ when kind.StartsWith("arrangement", StringComparison.Ordinal) || kind.StartsWith("structuring", StringComparison.Ordinal) => "arrangement",
            _ when kind.Contains("agen", StringComparison.Ordinal) => "agency",
            _ when kind.StartsWith("utili", StringComparison.Ordinal) => "utilization",
            _ => "prepayment",
        };
    }
}
