namespace Portfolio.Domain.Risk.Statistics;

/// <summary>Value at risk and expected shortfall by historical simulation: one portfolio P&amp;L per past scenario.</summary>
public static class HistoricalVar
{
    // 1 − 0.95 is not exactly 0.05 in binary, so 20 × (1 − 0.95) comes out a hair above 1 and would round up to 2.
    private const double TailCountTolerance = 1e-9;

    /// <summary>
    /// With n scenarios and confidence c the tail holds k = ⌈n(1 − c)⌉ scenarios (at least one). VaR is the
    /// loss in the k-th worst scenario; ES is the mean loss over the k worst, VaR's own included. P&amp;L is
    /// positive for gains; both results are losses floored at zero, so a book that gains in every scenario
    /// has VaR 0.
    /// </summary>
    /// <exception cref="ArgumentException">No scenarios, or a value that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The confidence is not strictly between 0 and 1.</exception>
    public static TailRisk FromProfitAndLoss(ReadOnlySpan<double> pnl, double confidence)
    {
        if (pnl.IsEmpty)
        {
            throw new ArgumentException("At least one scenario is needed.", nameof(pnl));
        }

        StatisticsArguments.RequireConfidence(confidence, nameof(confidence));
        StatisticsArguments.RequireFinite(pnl, nameof(pnl));

        var tail = Math.Max(1, (int)Math.Ceiling((pnl.Length * (1 - confidence)) - TailCountTolerance));
        var worstFirst = pnl.ToArray();
        Array.Sort(worstFirst);
        var tailSum = 0.0;
        for (var i = 0; i < tail; i++)
        {
            tailSum += worstFirst[i];
        }

        return new TailRisk(Math.Max(0, -worstFirst[tail - 1]), Math.Max(0, -tailSum / tail));
    }

    /// <summary>
    /// The square-root-of-time rule: one-day risk × √days. It assumes independent, identically distributed
    /// daily P&amp;L with no drift, so it is an approximation for longer horizons, not a measurement.
    /// </summary>
    public static double ScaleToHorizon(double oneDay, int days)
    {
        StatisticsArguments.RequireHorizon(days, nameof(days));
        return oneDay * Math.Sqrt(days);
    }
}
