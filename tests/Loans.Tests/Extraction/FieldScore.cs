namespace Loans.Tests.Extraction;

/// <summary>True positives, false positives and false negatives of one field over the corpus.</summary>
public sealed class FieldScore
{
    public int TruePositives { get; private set; }
    public int FalsePositives { get; private set; }
    public int FalseNegatives { get; private set; }

    /// <summary>A field with nothing extracted is perfectly precise: it made no wrong claim.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>A field never expected is perfectly recalled: there was nothing to find.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Scalar fields: a right value is a TP; a wrong one is both a FP and a FN.</summary>
    public void AddScalar(string? expected, string? extracted)
    {
        if (extracted is not null && expected is not null && CorpusValues.Equal(expected, extracted))
        {
            TruePositives++;
            return;
        }

        if (extracted is not null)
        {
            FalsePositives++;
        }

        if (expected is not null)
        {
            FalseNegatives++;
        }
    }

    /// <summary>Fees and covenants: items matched as sets within one document.</summary>
    public void AddSet(IReadOnlyCollection<string> expected, IReadOnlyCollection<string> extracted)
    {
        var unmatched = expected.ToList();
        foreach (var item in extracted)
        {
            var match = unmatched.FindIndex(e => CorpusValues.Equal(e, item));
            if (match >= 0)
            {
                TruePositives++;
                unmatched.RemoveAt(match);
            }
            else
            {
                FalsePositives++;
            }
        }

        FalseNegatives += unmatched.Count;
    }
}
