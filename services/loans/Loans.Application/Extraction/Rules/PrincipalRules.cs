using System.Text.RegularExpressions;
using Loans.Domain.Sheets;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// The facility amount and its currency. Labelled cells ("Facility Amount", "Commitments", "Principal
/// Amount") win; otherwise the first amount that prose ties to the facility ("a term loan facility in an
/// aggregate principal amount of USD 25,000,000"). Accordion, minimum-draw, fee and covenant amounts are
/// skipped by the words just before them.
/// </summary>
internal static partial class PrincipalRules
{
    /// <summary>Labels that name the amount itself.</summary>
    [GeneratedRegex(
        Labels.Start + @"(?:(?:maximum|aggregate|total|initial)[ \t]+)*(?:(?:principal|facility|loan|commitment|credit)[ \t]+)?(?:amount|size|limit)(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?:facility|loan|commitments?))?|(?:(?:aggregate|total|initial)[ \t]+)*commitments?(?![ \t]+(?:fee|period|termination|letter|date|reduction))|principal" + Labels.End,
        Labels.Options)]
    private static partial Regex AmountLabel();

    /// <summary>Labels that describe the facility, where an amount is likely but other amounts (sublimits) may come first.</summary>
    [GeneratedRegex(Labels.Start + @"facility(?![ \t]+(?:agent|fee|office|type|date))|facilities|loan|credit" + Labels.End, Labels.Options)]
    private static partial Regex FacilityLabel();

    [GeneratedRegex(@"\b(?:currency|base[ \t]+currency|facility[ \t]+currency|loan[ \t]+currency|currency[ \t]+of[ \t]+(?:the[ \t]+)?(?:facility|loan))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyWord();

    [GeneratedRegex(
        Labels.Start + @"(?:base[ \t]+|facility[ \t]+|loan[ \t]+)?currency(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?:facility|loan))?" + Labels.End,
        Labels.Options)]
    private static partial Regex CurrencyLabel();

    /// <summary>Words that tie an amount in prose to the facility itself.</summary>
    [GeneratedRegex(@"\b(?:facility|facilities|loan|commitments?|principal|credit)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FacilityWord();

    /// <summary>Words that make an amount something other than the facility amount.</summary>
    [GeneratedRegex(
        @"\b(?:accordion|incremental|additional|increase[sd]?|uncommitted|minimum|min\.|multiples?|integral|fees?|liquidity|net\s+worth|capital\s+expenditures?|capex|ebitda|indebtedness|basket|threshold|cross[- ]default|judgments?|guarantee[sd]?|sub-?limit|sublimit|swingline|swing\s+line|draw(?:ing|down)?s?|tranche\s+b|excess|purchase\s+price|equity|insurance|cap|aggregate\s+of\s+all)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Distractor();

    public static IEnumerable<ExtractedValue> Find(TermSheet sheet)
    {
        foreach (var (labelled, weaker) in Labels.Find(sheet, AmountLabel()).Select(l => (l, 0m)).Concat(Labels.Find(sheet, FacilityLabel()).Select(l => (l, 0.1m))))
        {
            if (FirstFacilityAmount(labelled.Value) is { } amount)
            {
                var confidence = labelled.Confidence - weaker;
                yield return new ExtractedValue(SheetFields.Principal, Canonical.TwoDecimals(amount.Amount), confidence, labelled.Page.Number, labelled.Snippet);
                yield return new ExtractedValue(SheetFields.Currency, amount.Currency, confidence - 0.05m, labelled.Page.Number, labelled.Snippet);
            }
        }

        foreach (var labelled in Labels.Find(sheet, CurrencyLabel()))
        {
            if (Currencies.FromCellText(labelled.Value) is { } currency)
            {
                yield return new ExtractedValue(SheetFields.Currency, currency, labelled.Confidence, labelled.Page.Number, labelled.Snippet);
            }
        }

        foreach (var page in sheet.Pages)
        {
            foreach (var amount in Money.FindAll(page.Text))
            {
                var clause = Clauses.Before(page.Text, amount.Index);
                var near = clause.Length > 60 ? clause[^60..] : clause;
                var introduced = FacilityWord().IsMatch(clause) || NamesFacilityAfter(page.Text, amount);
                if (introduced && !Distractor().IsMatch(near) && !CurrencyWord().IsMatch(near) && !QualifiedAfter(page.Text, amount))
                {
                    var snippet = Snippets.Around(page.Text, amount.Index);
                    yield return new ExtractedValue(SheetFields.Principal, Canonical.TwoDecimals(amount.Amount), Confidence.Prose, page.Number, snippet);
                    yield return new ExtractedValue(SheetFields.Currency, amount.Currency, Confidence.Prose - 0.05m, page.Number, snippet);
                    break;
                }
            }
        }
    }

    /// <summary>An amount that heads the facility's name, as in titles ("USD 40,000,000 Senior Secured Term Loan Facility").</summary>
    private static bool NamesFacilityAfter(string text, MoneyAmount amount)
    {
        var end = amount.Index + amount.Length;
        return FacilityNameAfter().IsMatch(text.AsSpan(end, Math.Min(80, text.Length - end)));
    }

    [GeneratedRegex(@"^[ \t]+(?:[A-Za-z-]+[ \t]+){0,6}?(?:facility|facilities|loan|loans)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FacilityNameAfter();

    /// <summary>An amount followed by what it is the amount of ("$10 million swingline sublimit").</summary>
    private static bool QualifiedAfter(string text, MoneyAmount amount)
    {
        var end = amount.Index + amount.Length;
        var after = text.Substring(end, Math.Min(30, text.Length - end));
        return SublimitAfter().IsMatch(after);
    }

    [GeneratedRegex(@"^[^.;,()]{0,25}?\b(?:sub-?limit|sublimit|swingline|swing\s+line|accordion|incremental|minimum|guarantee|cap)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SublimitAfter();

    /// <summary>The first amount in a cell that is not introduced as an accordion, minimum or fee.</summary>
    private static MoneyAmount? FirstFacilityAmount(string value)
    {
        foreach (var amount in Money.FindAll(value))
        {
            var before = value[..amount.Index];
            var near = before.Length > 40 ? before[^40..] : before;
            if (!Distractor().IsMatch(near) && !QualifiedAfter(value, amount))
            {
                return amount;
            }
        }

        return null;
    }
}
