using System.Text.RegularExpressions;
using Loans.Domain.Sheets;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// The kind of facility, from a labelled cell ("Facility: Senior secured revolving credit facility"),
/// else from the document's title, else from the first facility named anywhere. Within one text the
/// first kind named wins, so a revolver's letter-of-credit sub-limit stays a revolver.
/// </summary>
internal static partial class FacilityTypeRules
{
    [GeneratedRegex(
        Labels.Start + @"(?:facility[ \t]+type|type[ \t]+of[ \t]+(?:facility|loan)|nature[ \t]+of[ \t]+(?:the[ \t]+)?facility|loan[ \t]+type|facility(?![ \t]+(?:amount|agent|fee|office|size|limit|date))|facilities|type|product|loan|credit|description)" + Labels.End,
        Labels.Options)]
    private static partial Regex Label();

    [GeneratedRegex(
        @"(?<dd>delayed[- ]draw(?:\s+term)?|\bDDTL\b)|(?<rc>(?<!non[- ])\brevolv\w*|\bRCF\b|\brevolver\b)|(?<bl>\bbridge\b)|(?<lc>\bletters?\s+of\s+credit\s+facility|\b(?:standby\s+)?letter\s+of\s+credit\b|\bL/?Cs?\s+facility\b)|(?<tl>\bterm\s+loan\b|\bterm\s+(?:credit\s+)?facility\b|\bterm\s+loan\s+[AB]\b|\bTL[AB]?\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Kind();

    private const int TitleLines = 6;

    public static IEnumerable<ExtractedValue> Find(TermSheet sheet)
    {
        foreach (var labelled in Labels.Find(sheet, Label()))
        {
            if (Classify(labelled.Value) is { } kind)
            {
                yield return new ExtractedValue(SheetFields.FacilityType, kind, labelled.Confidence, labelled.Page.Number, labelled.Snippet);
            }
        }

        if (sheet.Pages.Count == 0)
        {
            yield break;
        }

        var first = sheet.Pages[0];
        var title = string.Join('\n', first.Text.Split('\n').Where(line => line.Trim().Length > 0).Take(TitleLines));
        if (Classify(title) is { } titled)
        {
            yield return new ExtractedValue(SheetFields.FacilityType, titled, Confidence.Prose, first.Number, Snippets.Around(title, 0));
        }

        foreach (var page in sheet.Pages)
        {
            var match = Kind().Match(page.Text);
            if (match.Success)
            {
                yield return new ExtractedValue(SheetFields.FacilityType, Name(match), Confidence.Guess, page.Number, Snippets.Around(page.Text, match.Index));
                yield break;
            }
        }
    }

    private static string? Classify(string text)
    {
        var match = Kind().Match(text);
        return match.Success ? Name(match) : null;
    }

    private static string Name(Match match) =>
        match.Groups["dd"].Success ? "delayedDrawTermLoan"
        : match.Groups["rc"].Success ? "revolvingCredit"
        : match.Groups["bl"].Success ? "bridgeLoan"
        : match.Groups["lc"].Success ? "letterOfCredit"
        : "termLoan";
}
