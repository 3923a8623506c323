using System.Text.RegularExpressions;
using Loans.Domain.Sheets;

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

    /// <summary>
    /// "The Borrower is X, …": the name runs to the sentence's end, read through the full stops of
    /// abbreviations ("Co.,", "B.V.", "S.p.A") so that "Supply Co., an Arkansas corporation" is not cut at "Co".
    /// </summary>
    [GeneratedRegex(@"\bThe\s+Borrower\s+(?:is|will\s+be|shall\s+be)\s+(?<name>[^.;\n]*(?:\.(?=[^\s])[^.;\n]*|\.(?=,)[^.;\n]*|(?<=\b(?:Inc|Co|Corp|Ltd|N\.V|B\.V|S\.A|L\.P|S\.p\.A))\.[^.;\n]*)*)", RegexOptions.CultureInvariant)]
    private static partial Regex BorrowerIs();

    /// <summary>"The Company is the borrower", where "Company" is defined elsewhere.</summary>
    [GeneratedRegex(@"\b(?:The\s+)?(?<alias>[A-Z][a-z]+)\s+(?:is|will\s+be|shall\s+be|acts\s+as)\s+the\s+borrower\b", RegexOptions.CultureInvariant)]
    private static partial Regex AliasIsBorrower();

    /// <summary>Where a sentence ends before a name: a full stop after a lowercase word or figure, or a blank line.</summary>
    [GeneratedRegex(@"(?:(?<=[a-z0-9)""”])[.;:]|\n[ \t]*\n)\s+(?=\S)", RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex SentenceStart();

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
            if (name is not null && IsAlias(name))
            {
                name = Defined(sheet, name);
            }

            // Without a separator "Borrower shall ..." is prose, so the name must look like a company.
            if (name is not null && (labelled.ExplicitSeparator || EntitySuffix().IsMatch(name)))
            {
                yield return new ExtractedValue(SheetFields.Borrower, name, labelled.Confidence, labelled.Page.Number, labelled.Snippet);
            }
        }

        foreach (var page in sheet.Pages)
        {
            foreach (Match term in DefinedTerm().Matches(page.Text))
            {
                if (NameBefore(page.Text, term.Index) is { } name)
                {
                    yield return new ExtractedValue(SheetFields.Borrower, name, Confidence.Prose, page.Number, Snippets.Around(page.Text, term.Index - name.Length));
                }
            }

            foreach (Match statement in BorrowerIs().Matches(page.Text))
            {
                if (CleanName(statement.Groups["name"].Value) is { } name)
                {
                    yield return new ExtractedValue(SheetFields.Borrower, name, Confidence.Prose, page.Number, Snippets.Around(page.Text, statement.Index));
                }
            }

            foreach (Match statement in AliasIsBorrower().Matches(page.Text))
            {
                if (Defined(sheet, statement.Groups["alias"].Value) is { } name)
                {
                    yield return new ExtractedValue(SheetFields.Borrower, name, Confidence.Prose - 0.05m, page.Number, Snippets.Around(page.Text, statement.Index));
                }
            }
        }
    }

    /// <summary>
    /// The party a defined term stands for ("Company" in: X (the "Company")), or the value of the cell
    /// labelled with it ("Company | X"), so "Borrower: The Company" resolves to X.
    /// </summary>
    private static string? Defined(TermSheet sheet, string alias)
    {
        var escaped = Regex.Escape(alias);
        var cell = new Regex(Labels.Start + escaped + Labels.End, Labels.Options, TimeSpan.FromSeconds(1));
        foreach (var labelled in Labels.Find(sheet, cell))
        {
            if (CleanName(labelled.Value) is { } name && !IsAlias(name))
            {
                return name;
            }
        }

        var term = new Regex(@"\(\s*(?:the\s+)?[""“”'‘’]{1,2}\s*" + escaped + @"\s*[""“”'‘’]{1,2}\s*\)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        foreach (var page in sheet.Pages)
        {
            var match = term.Match(page.Text);
            if (match.Success && NameBefore(page.Text, match.Index) is { } name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>A one-word value such as "Company" is a defined term: a legal name has at least a name and a form.</summary>
    private static bool IsAlias(string name) => !name.Contains(' ', StringComparison.Ordinal);

    /// <summary>A labelled value cut to the name: no description, defined term, or leading "The".</summary>
    private static string? CleanName(string value)
    {
        var description = DescriptionStart().Match(value);
        var name = (description.Success && description.Index > 0 ? value[..description.Index] : value).Trim().Trim('"', '“', '”', ',', ':');
        name = StripThe(CutAfterLastSuffix(name));
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
    /// The name just before a defined term. Read straight back first ("...made available to Northwind
    /// Logistics LLC (the "Borrower")"); when that does not end in a legal form, the name is the start of
    /// the sentence up to its description ("Kestrel Acquisitions Limited, a company incorporated in ...").
    /// </summary>
    private static string? NameBefore(string text, int index)
    {
        var from = Math.Max(0, index - 300);
        var sentenceStart = SentenceStart().Match(text, from, index - from);
        var sentence = text[(sentenceStart.Success ? sentenceStart.Index + sentenceStart.Length : from)..index].TrimEnd();
        var direct = WalkBack(sentence);
        if (direct is not null && EntitySuffix().IsMatch(direct))
        {
            return direct;
        }

        var description = DescriptionStart().Matches(sentence).FirstOrDefault(d => d.Value.TrimStart().StartsWith(',') && d.Index > 0);
        var described = description is null ? null : WalkBack(sentence[..description.Index]);
        return described ?? (direct is not null && direct.Contains(' ', StringComparison.Ordinal) ? direct : null);
    }

    /// <summary>Capitalised words back from the end, stopping at the first ordinary word or sentence punctuation.</summary>
    private static string? WalkBack(string before)
    {
        var tokens = before.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var name = new List<string>();
        for (var i = tokens.Length - 1; i >= 0 && name.Count < 12; i--)
        {
            var token = tokens[i];
            var continuesName = Connectors.Contains(token)
                || (char.IsUpper(token[0]) || token[0] is '&' or '"' or '“')
                && !SentenceWords.Contains(token.Trim('"', '“', '”'));
            // "Holdings, Inc." keeps its comma; "Lender, and" ends the name.
            if (token.EndsWith(',') && (name.Count == 0 || !EntitySuffix().IsMatch(name[0])))
            {
                continuesName = false;
            }

            // A closing bracket, quote or colon ends an earlier phrase; a full stop only when it is not an abbreviation.
            if (name.Count > 0 && (token[^1] is ')' or '"' or '”' or ':' or ';' || token.EndsWith('.') && !EntitySuffix().IsMatch(token) && !token[..^1].Contains('.', StringComparison.Ordinal)))
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

    /// <summary>"Lumen Medizintechnik SA, Neuchâtel, Switzerland": what follows the legal form is an address.</summary>
    private static string CutAfterLastSuffix(string name)
    {
        var suffixes = EntitySuffix().Matches(name);
        if (suffixes.Count == 0)
        {
            return name;
        }

        var end = suffixes[^1].Index + suffixes[^1].Length;
        return end < name.Length && name[end] == ',' ? name[..end] : name;
    }

    private static string StripThe(string name) =>
        name.StartsWith("The ", StringComparison.OrdinalIgnoreCase) ? name[4..].TrimStart() : name;
}
