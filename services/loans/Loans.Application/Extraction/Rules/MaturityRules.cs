using System.Text.RegularExpressions;
using Loans.Domain.Sheets;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// The final maturity date: a labelled date ("Maturity Date: 30 June 2031"), a date in a maturity clause
/// ("...shall be repaid in full on June 30, 2031"), or a tenor counted from a date the sheet states
/// ("five years after the Closing Date" with "Closing Date: 15 March 2026"). Signing, effective and
/// availability dates are never taken for the maturity.
/// </summary>
internal static partial class MaturityRules
{
    [GeneratedRegex(
        Labels.Start + @"(?:final[ \t]+)?(?:maturity(?:[ \t]+date)?|termination[ \t]+date|repayment[ \t]+date|expiry[ \t]+date|maturity[ \t]*/[ \t]*tenor|tenor[ \t]*/[ \t]*maturity|final[ \t]+repayment)" + Labels.End,
        Labels.Options)]
    private static partial Regex Label();

    /// <summary>"Tenor" and "Term" also name other things, so they count only with an explicit separator.</summary>
    [GeneratedRegex(Labels.Start + @"(?:tenor|term|duration|loan[ \t]+term)" + @")(?:[ \t]*\([^)\n]{0,30}\))?(?<sep>[ \t]*[:|\t][ \t]*|[ \t]{2,})(?<value>[^\n]*)$", Labels.Options)]
    private static partial Regex TenorLabel();

    [GeneratedRegex(
        @"\b(?:matur(?:e|es|ing|ity)|repaid|repayable|(?:fall|falls|be|become|becomes)\s+due|repayment\s+in\s+full|final\s+repayment|terminat(?:e|es|ion)\s+(?:date\s+)?(?:of\s+the\s+(?:facility|commitments?)\s+)?(?:on|will\s+be)|expir(?:e|es|y))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaturityWord();

    [GeneratedRegex(
        Labels.Start + @"(?:(?:expected|anticipated|target|initial|scheduled)[ \t]+)?(?<anchor>(?:initial[ \t]+|first[ \t]+)?(?:closing|effective|funding|signing|agreement|drawdown|utili[sz]ation|execution)(?:[ \t]+date)?)" + Labels.End,
        Labels.Options)]
    private static partial Regex AnchorLabel();

    [GeneratedRegex(@"\b(?<anchor>(?:closing|effective|funding|signing|drawdown)\s+date)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorProse();

    /// <summary>Words that make a date after an anchor's name some other date ("60 days after the Closing Date").</summary>
    [GeneratedRegex(@"\b(?:after|from|following|before|prior|until|months?|years?|days?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeWord();

    /// <summary>Words saying a date in a maturity clause is something else (an availability period's end).</summary>
    [GeneratedRegex(@"\b(?:availability|available|commitment\s+period|signing|signed|dated|effective|closing|draw)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherDateWord();

    public static IEnumerable<ExtractedValue> Find(TermSheet sheet)
    {
        var anchors = AnchorDates(sheet);
        foreach (var labelled in Labels.Find(sheet, Label()).Concat(Labels.Find(sheet, TenorLabel())))
        {
            if (Dates.First(labelled.Value) is { } date)
            {
                yield return new ExtractedValue(SheetFields.MaturityDate, Canonical.Date(date), labelled.Confidence, labelled.Page.Number, labelled.Snippet);
            }
            else if (Tenor.Find(labelled.Value) is { } tenor && anchors.TryGetValue(tenor.Anchor, out var anchor))
            {
                yield return new ExtractedValue(SheetFields.MaturityDate, Canonical.Date(tenor.From(anchor)), Confidence.Derived, labelled.Page.Number, labelled.Snippet);
            }
        }

        foreach (var page in sheet.Pages)
        {
            foreach (Match word in MaturityWord().Matches(page.Text))
            {
                var clause = Clauses.After(page.Text, Clauses.SkipSeparator(page.Text, word.Index + word.Length));
                var found = Dates.FindAll(clause).FirstOrDefault();
                if (found != default && !OtherDateWord().IsMatch(clause[..found.Index]))
                {
                    yield return new ExtractedValue(SheetFields.MaturityDate, Canonical.Date(found.Date), Confidence.Prose, page.Number, Snippets.Around(page.Text, word.Index));
                }
                else if (Tenor.Find(clause) is { AnchorNamed: true } tenor && anchors.TryGetValue(tenor.Anchor, out var anchor))
                {
                    yield return new ExtractedValue(SheetFields.MaturityDate, Canonical.Date(tenor.From(anchor)), Confidence.Derived - 0.05m, page.Number, Snippets.Around(page.Text, word.Index));
                }
            }
        }
    }

    /// <summary>The dates a tenor can count from, by anchor name; the first stated wins.</summary>
    private static Dictionary<string, DateOnly> AnchorDates(TermSheet sheet)
    {
        var anchors = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var labelled in Labels.Find(sheet, AnchorLabel()))
        {
            var name = AnchorLabel().Match(Clauses.LineAt(labelled.Page.Text, labelled.LabelIndex)).Groups["anchor"].Value;
            if (Dates.First(labelled.Value) is { } date)
            {
                anchors.TryAdd(Tenor.AnchorKey(name), date);
            }
        }

        foreach (var page in sheet.Pages)
        {
            foreach (Match match in AnchorProse().Matches(page.Text))
            {
                // "Closing Date (2 February 2026)", "Closing Date, which is expected to be 14 September 2026".
                var rest = Clauses.After(page.Text, match.Index + match.Length);
                rest = rest[..Math.Min(60, rest.Length)];
                var found = Dates.FindAll(rest).FirstOrDefault();
                if (found != default && !RelativeWord().IsMatch(rest[..found.Index]))
                {
                    anchors.TryAdd(Tenor.AnchorKey(match.Groups["anchor"].Value), found.Date);
                }
            }
        }

        return anchors;
    }
}
