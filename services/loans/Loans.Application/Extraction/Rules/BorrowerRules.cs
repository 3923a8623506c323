using System.Text.RegularExpressions;

namespace Loans.Application.Extraction.Rules;

/// <summary>
/// The borrower's legal name: from a labelled cell ("Borrower:", "Obligor", "The Borrower"), or from the
/// defined term in prose ("...made available to Northwind Logistics LLC (the "Borrower")"). Guarantors,
/// agents and lenders have labels of their own and are never read.
/// </summary>
internal static partial class BorrowerRules
{
    [GeneratedRegex(
        Labels.Start + @"(?:name[ \t]+of[ \t]+)?(?:borrower|obligor|borrowing[ \t]+entity)s?(?:[ \t]+name)?\b(?!['’]s)(?![ \t]+(?:shall|will|may|must|agrees|has|is|to|and|or|counsel|agent|representative|group|parties|party|entities|affiliates?)\b)" + Labels.End,
        Labels.Options)]
    private static partial Regex Label();

    /// <summary>The defined term after the name: (the "Borrower"), (hereinafter the "Borrower"), , as borrower.</summary>
    [GeneratedRegex(
        @"\(\s*(?:hereinafter\s+(?:referred\s+to\s+as\s+)?)?(?:the\s+)?[""“”'‘’]{1,2}\s*(?:Borrower|Obligor)\s*[""“”'‘’]{1,2}\s*\)|,\s+as\s+(?:the\s+)?borrower\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefinedTerm();

    /// <summary>Where the description after a name starts (", a Delaware limited liability company").</summary>
    [GeneratedRegex(
        @"\s*(?:\(|;|\||\t|,\s+(?:a|an|as|being|together|whose|with|having|incorporated|organi[sz]ed|registered)\s|\s+(?:a|an)\s+(?:company|corporation|limited|\w+\s+(?:limited|company|corporation))|\s+as\s+borrower|\s+incorporated\s|\s+organi[sz]ed\s|\s+registered\s|\s+having\s|\s+with\s+(?:its|registered)\s|\s+whose\s|[ ]{2,})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionStart();

    [GeneratedRegex(
        @"\b(?:LLC|L\.L\.C\.|Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.|Ltd\.?|Limited|plc|LLP|LP|L\.P\.|GmbH|AG|SE|S\.A\.?|SA|S\.A\.S\.?|SAS|B\.V\.?|BV|N\.V\.?|NV|S\.p\.A\.?|S\.r\.l\.?|S\.à[ ]r\.l\.?|S\.a\.r\.l\.?|Sarl|AB|ASA|A/S|Oy|Oyj|Pty|KG|KGaA|ULC|Holdings|Group|Trust|Partners|Partnership|Fund|Bank)\.?(?=\s|$|,|\))",
        RegexOptions.CultureInvariant)]
    private static partial Regex EntitySuffix();

    private static readonly HashSet<string> Connectors =
        new(["&", "and", "of", "de", "du", "des", "la", "le", "van", "der", "den", "von", "y", "et", "und", "für"], StringComparer.Ordinal);

    private static readonly HashSet<string> SentenceWords =
        new(["To", "By", "Between", "Among", "Amongst", "With", "For", "From", "And", "Of", "In", "On", "At", "This", "Means", "Is", "Agreement", "Facility", "Lender", "Lenders", "Borrower", "Guarantor", "Agent"], StringComparer.Ordinal);

    private static readonly HashSet<string> Placeholders =
        new(["TBD", "TBC", "N/A", "To be confirmed", "To be determined", "[•]", "[ ]"], StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<ExtractedValue> Find(TermSheet sheet)
    {
        foreach (var labelled in Labels.Find(sheet, Label()))
        {
            var name = CleanName(labelled.Value);
            // Without a separator "Borrower shall ..." is prose, so the name must look like a company.
            if (name is not null && (labelled.ExplicitSeparator || EntitySuffix().IsMatch(name)))
            {
                yield return new ExtractedValue(TermFields.Borrower, name, labelled.Confidence, labelled.Page.Number, labelled.Snippet);
            }
        }

        foreach (var page in sheet.Pages)
        {
            foreach (Match term in DefinedTerm().Matches(page.Text))
            {
                if (NameBefore(page.Text, term.Index) is { } name)
                {
                    yield return new ExtractedValue(TermFields.Borrower, name, Confidence.Prose, page.Number, Snippets.Around(page.Text, term.Index - name.Length));
                }
            }
        }
    }

    /// <summary>A labelled value cut to the name: no description, defined term, or leading "The".</summary>
    private static string? CleanName(string value)
    {
        var description = DescriptionStart().Match(value);
        var name = (description.Success && description.Index > 0 ? value[..description.Index] : value).Trim().Trim('"', '“', '”', ',', ':');
        name = StripThe(name);
        if (name.Length is < 2 or > 120 || Placeholders.Contains(name) || !char.IsUpper(name[0]) && !char.IsDigit(name[0]))
        {
            return null;
        }

        // A name is mostly capitalised words; a sentence is not.
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lowercase = words.Count(w => char.IsLower(w[0]) && !Connectors.Contains(w) && !EntitySuffix().IsMatch(w));
        return words.Length <= 12 && lowercase == 0 ? name : null;
    }

    /// <summary>
    /// Walks back from the defined term over the capitalised words of the name, after dropping a
    /// description (", a Delaware limited liability company"), and stops at the first ordinary word.
    /// </summary>
    private static string? NameBefore(string text, int index)
    {
        var start = Math.Max(0, index - 240);
        var before = text[start..index].TrimEnd();
        var descriptions = DescriptionStart().Matches(before);
        foreach (Match description in descriptions)
        {
            if (description.Value.TrimStart().StartsWith(',') && description.Index > 0)
            {
                before = before[..description.Index];
                break;
            }
        }

        var tokens = before.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var name = new List<string>();
        for (var i = tokens.Length - 1; i >= 0 && name.Count < 12; i--)
        {
            var token = tokens[i];
            var continuesName = Connectors.Contains(token)
                || (char.IsUpper(token[0]) || char.IsDigit(token[0]) || token[0] is '&' or '"' or '“')
                && !SentenceWords.Contains(token.Trim('"', '“', '”'));
            // "Holdings, Inc." keeps its comma; "Lender, and" ends the name.
            if (token.EndsWith(',') && (name.Count == 0 || !EntitySuffix().IsMatch(name[0])))
            {
                continuesName = false;
            }

            if (!continuesName)
            {
                break;
            }

            name.Insert(0, token);
        }

        while (name.Count > 0 && (Connectors.Contains(name[0]) || name[0] is "The" or "the"))
        {
            name.RemoveAt(0);
        }

        var result = string.Join(' ', name).Trim('"', '“', '”', ',');
        return result.Length >= 2 && !Placeholders.Contains(result) ? result : null;
    }

    private static string StripThe(string name) =>
        name.StartsWith("The ", StringComparison.OrdinalIgnoreCase) ? name[4..].TrimStart() : name;
}
