using System.Text.RegularExpressions;
using Loans.Domain.Sheets;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// Financial covenants as <c>kind:value</c>: a covenant name and, in its clause, a ratio ("3.50x",
/// "3.50:1.00", "3.50 to 1.00"), a percentage (loan-to-value) or an amount (liquidity, net worth, capex).
/// A name counts only as a labelled row or with a limit word ("not exceed", "at least"), and never in a
/// pricing grid, where leverage levels select a margin rather than cap the borrower.
/// </summary>
internal static partial class CovenantRules
{
    [GeneratedRegex(
        @"(?<maxLeverage>\b(?:(?:total|senior|net|consolidated|secured|first[- ]lien|gross|senior\s+secured|total\s+net|senior\s+net)\s+)*leverage(?:\s+ratio)?\b|\b(?:(?:total|senior|net|consolidated|funded)\s+)*(?:net\s+)?(?:debt|indebtedness|borrowings|financial\s+(?:position|debt))\s*(?:/|to|:)\s*(?:consolidated\s+)?EBITDA\b)"
        + @"|(?<minInterestCoverage>\binterest\s+cover(?:age)?(?:\s+ratio)?\b|\bEBITDA\s*(?:/|to)\s*(?:net\s+)?(?:cash\s+)?(?:interest(?:\s+(?:expense|charges|payable))?|financial\s+charges|finance\s+(?:costs|charges))\b|\bICR\b)"
        + @"|(?<minFixedChargeCoverage>\bfixed\s+charges?\s+cover(?:age)?(?:\s+ratio)?\b|\bFCCR\b)"
        + @"|(?<minDebtServiceCoverage>\bdebt\s+service\s+cover(?:age)?(?:\s+ratio)?\b|\bDSCR\b)"
        + @"|(?<maxLoanToValue>\bloan[- ]to[- ]value(?:\s+ratio)?\b|\bLTV\b)"
        + @"|(?<minLiquidity>\b(?:minimum\s+)?(?:unrestricted\s+)?liquidity\b)"
        + @"|(?<minNetWorth>\b(?:consolidated\s+)?(?:tangible\s+)?net\s+worth\b)"
        + @"|(?<maxCapex>\bcapital\s+expenditures?\b|\bcapex\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex(@"(?<v>\d{1,2}(?:\.\d{1,2})?)\s*(?:x\b|×|:\s*1(?:\.0{1,2})?\b|to\s*1(?:\.0{1,2})?\b|times\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ratio();

    [GeneratedRegex(@"(?<v>\d{1,3}(?:\.\d{1,2})?)\s*(?:%|per\s*cent\b|percent\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Percent();

    [GeneratedRegex(
        @"\b(?:maximum|max\.?|minimum|min\.?|not\s+(?:to\s+)?exceed|shall\s+not\s+(?:be\s+)?(?:greater|more|higher|exceed|less|lower|fall)|no\s+(?:greater|more|less)\s+than|not\s+(?:be\s+)?(?:less|more|greater)\s+than|at\s+(?:least|most)|in\s+excess\s+of|greater\s+than|less\s+than|below|above|limited\s+to|cap(?:ped)?\s+at|maintain\w*|covenant)\b|[≤≥<>]|<=|>=",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Limit();

    /// <summary>Clauses where a ratio is a pricing level or a condition, not a covenant.</summary>
    [GeneratedRegex(@"\b(?:margin|pricing|applicable\s+rate|step[- ]?(?:down|up)s?|ratchet|grid|if|when|where|provided|incurrence|pro\s+forma|permitted\s+acquisitions?|restricted\s+payments?|dividends?|distributions?|commitment\s+fee|excess\s+cash\s+flow|sweep)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotACovenant();

    [GeneratedRegex(@"^\s*(?:\(?[a-z0-9]{1,4}[.)]|\d{1,2}(?:\.\d{1,2})*\.?)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();

    public static IEnumerable<ExtractedValue> Find(TermSheet sheet)
    {
        foreach (var page in sheet.Pages)
        {
            foreach (Match name in Name().Matches(page.Text))
            {
                var kind = Kind(name);
                var before = Numbering().Replace(Clauses.Before(page.Text, name.Index), "");
                var clause = Clauses.After(page.Text, Clauses.SkipSeparator(page.Text, name.Index + name.Length));
                var value = ValueOf(kind, clause);
                if (value is null)
                {
                    continue;
                }

                var leading = clause[..value.Value.Index];
                var labelled = before.Trim().Length == 0 || Limit().IsMatch(before) && before.Trim().Split(' ').Length <= 3;
                if (NotACovenant().IsMatch(before) || NotACovenant().IsMatch(leading) || !labelled && !Limit().IsMatch(before + " " + name.Value + " " + leading))
                {
                    continue;
                }

                var confidence = labelled ? Confidence.LabelledCell : Confidence.Prose;
                yield return new ExtractedValue(SheetFields.Covenant, $"{kind}:{Canonical.TwoDecimals(value.Value.Number)}", confidence, page.Number, Snippets.Around(page.Text, name.Index));
            }
        }
    }

    private static (decimal Number, int Index)? ValueOf(string kind, string clause)
    {
        switch (kind)
        {
            case "minLiquidity" or "minNetWorth" or "maxCapex":
                return Money.First(clause) is { } amount ? (amount.Amount, amount.Index) : null;
            case "maxLoanToValue":
                var percent = Percent().Match(clause);
                return percent.Success ? (Canonical.ParseDecimal(percent.Groups["v"].Value), percent.Index) : null;
            default:
                var ratio = Ratio().Match(clause);
                return ratio.Success ? (Canonical.ParseDecimal(ratio.Groups["v"].Value), ratio.Index) : null;
        }
    }

    private static string Kind(Match name) =>
        new[] { "maxLeverage", "minInterestCoverage", "minFixedChargeCoverage", "minDebtServiceCoverage", "maxLoanToValue", "minLiquidity", "minNetWorth", "maxCapex" }
            .First(group => name.Groups[group].Success);
}
