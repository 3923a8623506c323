using Loans.Application.Extraction.Rules;
using Loans.Domain.Sheets;

namespace Loans.Application.Extraction;

/// <summary>
/// Finds terms with hand-written rules, one family per field group (see Rules/). Every rule proposes
/// candidates with a confidence; the strongest candidate wins each single-valued field (the earliest on
/// a tie), and fees and covenants keep the strongest value per kind. Deterministic and offline, so it is
/// also the fallback for any other engine.
/// </summary>
public sealed class RuleBasedTermExtractor : ITermExtractor
{
    public const string EngineName = "rules";

    private static readonly Func<TermSheet, IEnumerable<ExtractedValue>>[] Families =
    [
        BorrowerRules.Find,
        PrincipalRules.Find,
        RateRules.Find,
        MaturityRules.Find,
        FacilityTypeRules.Find,
        FeeRules.Find,
        CovenantRules.Find,
    ];

    public Task<TermExtraction> ExtractAsync(DocumentText text, CancellationToken cancellationToken)
    {
        var sheet = TermSheet.From(text);
        var candidates = new List<ExtractedValue>();
        foreach (var family in Families)
        {
            cancellationToken.ThrowIfCancellationRequested();
            candidates.AddRange(family(sheet));
        }

        return Task.FromResult(new TermExtraction(Strongest(candidates), EngineName));
    }

    /// <summary>One value per field, or per kind for fees and covenants; OrderBy is stable, so ties keep document order.</summary>
    private static List<ExtractedValue> Strongest(List<ExtractedValue> candidates) =>
        candidates
            .GroupBy(c => SheetFields.IsList(c.Field) ? $"{c.Field}/{c.Value.Split(':')[0]}" : c.Field)
            .Select(group => group.OrderByDescending(c => c.Confidence).First())
            .ToList();
}
