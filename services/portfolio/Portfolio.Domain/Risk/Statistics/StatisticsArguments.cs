namespace Portfolio.Domain.Risk.Statistics;

/// <summary>Checks shared by the statistics so that bad input fails loudly instead of spreading NaN.</summary>
internal static class StatisticsArguments
{
    public static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("Every value must be a finite number.", name);
            }
        }
    }

    public static void RequireConfidence(double confidence, string name)
    {
        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(name, confidence, "The confidence must lie strictly between 0 and 1, e.g. 0.99.");
        }
    }

    public static void RequireHorizon(int days, string name) => ArgumentOutOfRangeException.ThrowIfLessThan(days, 1, name);
}
