namespace Portfolio.Domain.IndexStrategies;

/// <summary>
/// Target weights and the turnover limit. Every method writes weights that are finite, non-negative and
/// sum to 1 over the names marked available (0 elsewhere), or all zeros when none is available.
/// </summary>
public static class IndexWeights
{
    /// <summary>
    /// A daily volatility below this (0.01%) is treated as this: a flat price would otherwise take an
    /// infinite inverse-volatility weight.
    /// </summary>
    public const double MinDailyVolatility = 1e-4;

    public static void Equal(ReadOnlySpan<bool> available, Span<double> weights)
    {
        var count = 0;
        foreach (var a in available)
        {
            count += a ? 1 : 0;
        }

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = available[i] ? 1.0 / count : 0;
        }
    }

    /// <summary>
    /// Weights ∝ 1/max(σᵢ, <see cref="MinDailyVolatility"/>). A name with fewer than two returns in the window
    /// (σ NaN) takes the mean inverse volatility of those with one; when none has one, equal weights.
    /// </summary>
    public static void InverseVolatility(ReadOnlySpan<bool> available, ReadOnlySpan<double> volatilities, Span<double> weights)
    {
        var (known, sumInverse) = (0, 0.0);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = available[i] && !double.IsNaN(volatilities[i]) ? 1.0 / Math.Max(volatilities[i], MinDailyVolatility) : 0;
            known += weights[i] > 0 ? 1 : 0;
            sumInverse += weights[i];
        }

        if (known == 0)
        {
            Equal(available, weights);
            return;
        }

        var meanInverse = sumInverse / known;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = available[i] && double.IsNaN(volatilities[i]) ? meanInverse : weights[i];
        }

        Normalise(weights);
    }

    /// <summary>
    /// Weights ∝ market value, no name above <paramref name="cap"/>: names over the cap are set to it and the
    /// rest of the weight is shared among the others in proportion to their market value, again until none
    /// exceeds it. When the cap cannot hold (cap × names &lt; 1) or no market value is positive, equal weights.
    /// </summary>
    public static void Capped(ReadOnlySpan<bool> available, ReadOnlySpan<double> marketValues, double cap, Span<double> weights)
    {
        // Only a positive, finite market value can be weighted by; a name without one is left out.
        Span<bool> valued = weights.Length <= 256 ? stackalloc bool[weights.Length] : new bool[weights.Length];
        var count = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            valued[i] = available[i] && marketValues[i] > 0 && double.IsFinite(marketValues[i]);
            count += valued[i] ? 1 : 0;
        }

        if (count == 0 || cap * count < 1 - 1e-12)
        {
            Equal(count == 0 ? available : valued, weights);
            return;
        }

        Span<bool> atCap = weights.Length <= 256 ? stackalloc bool[weights.Length] : new bool[weights.Length];
        atCap.Clear();
        while (true)
        {
            // Share what the capped names leave among the free ones, in proportion to market value.
            var (cappedCount, freeValue) = (0, 0.0);
            for (var i = 0; i < weights.Length; i++)
            {
                cappedCount += atCap[i] ? 1 : 0;
                freeValue += valued[i] && !atCap[i] ? marketValues[i] : 0;
            }

            var left = 1.0 - (cap * cappedCount);
            var newlyCapped = false;
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = atCap[i] ? cap : valued[i] && freeValue > 0 ? left * marketValues[i] / freeValue : 0;
                if (!atCap[i] && weights[i] > cap + 1e-12)
                {
                    atCap[i] = true;
                    newlyCapped = true;
                }
            }

            if (!newlyCapped)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Moves <paramref name="current"/> towards <paramref name="target"/> by at most <paramref name="maxTurnover"/>
    /// one-way turnover (½ Σ |targetᵢ − currentᵢ|): when the target needs more, every name moves the same
    /// fraction maxTurnover / needed of the way. Returns the (needed, traded) turnover; current becomes the result.
    /// </summary>
    public static (double Needed, double Traded) LimitTurnover(Span<double> current, ReadOnlySpan<double> target, double maxTurnover)
    {
        var needed = 0.0;
        for (var i = 0; i < current.Length; i++)
        {
            needed += Math.Abs(target[i] - current[i]);
        }

        needed /= 2;
        var fraction = needed > maxTurnover && needed > 0 ? maxTurnover / needed : 1.0;
        for (var i = 0; i < current.Length; i++)
        {
            current[i] += fraction * (target[i] - current[i]);
        }

        return (needed, Math.Min(needed, maxTurnover));
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    private static void Normalise(Span<double> weights)
    {
        var sum = Sum(weights);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
        }
    }
}
