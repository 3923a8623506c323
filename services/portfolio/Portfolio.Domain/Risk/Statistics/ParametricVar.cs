using MathNet.Numerics.Distributions;

namespace Portfolio.Domain.Risk.Statistics;

/// <summary>Value at risk under the assumption that risk-factor returns are jointly normal with zero mean.</summary>
public static class ParametricVar
{
    // Rounding can leave eᵀΣe slightly below zero for a valid, nearly singular covariance.
    private const double RelativeRoundingTolerance = 1e-10;

    /// <summary>
    /// Delta-normal VaR: z_c × √(eᵀΣe) × √horizon, where e holds the exposures in base currency per risk
    /// factor (dollar deltas) and Σ the covariance of the factors' daily returns. An empty book has VaR 0.
    /// </summary>
    /// <exception cref="ArgumentException">The covariance is not n × n, a value is not finite, or the covariance is not positive semi-definite.</exception>
    public static double DeltaNormal(ReadOnlySpan<double> exposures, double[,] covariance, double confidence, int horizonDays = 1)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        StatisticsArguments.RequireConfidence(confidence, nameof(confidence));
        StatisticsArguments.RequireHorizon(horizonDays, nameof(horizonDays));
        StatisticsArguments.RequireFinite(exposures, nameof(exposures));
        var n = exposures.Length;
        if (covariance.GetLength(0) != n || covariance.GetLength(1) != n)
        {
            throw new ArgumentException($"The covariance must be {n} × {n}, one row and column per exposure.", nameof(covariance));
        }

        var variance = 0.0;
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var term = exposures[i] * covariance[i, j] * exposures[j];
                if (!double.IsFinite(term))
                {
                    throw new ArgumentException("Every covariance must be a finite number.", nameof(covariance));
                }

                variance += term;
                scale += Math.Abs(term);
            }
        }

        if (variance < -RelativeRoundingTolerance * scale)
        {
            throw new ArgumentException("The covariance is not positive semi-definite: it gives this book a negative variance.", nameof(covariance));
        }

        return FromVariance(Math.Max(0, variance), confidence, horizonDays);
    }

    /// <summary>Delta-normal VaR from the book's one-day P&amp;L variance eᵀΣe (see <see cref="BookVariance"/>).</summary>
    /// <exception cref="ArgumentException">The variance is negative or not finite, or the confidence or horizon is out of range.</exception>
    public static double FromVariance(double variance, double confidence, int horizonDays = 1)
    {
        StatisticsArguments.RequireConfidence(confidence, nameof(confidence));
        StatisticsArguments.RequireHorizon(horizonDays, nameof(horizonDays));
        if (!double.IsFinite(variance) || variance < 0)
        {
            throw new ArgumentException("The variance must be a finite, non-negative number.", nameof(variance));
        }

        var oneDay = Normal.InvCDF(0, 1, confidence) * Math.Sqrt(variance);
        return HistoricalVar.ScaleToHorizon(oneDay, horizonDays);
    }

    /// <summary>
    /// eᵀΣe with Σ the sample covariance (divided by n − 1) of the return series, without forming Σ: it is the
    /// sample variance of the book's daily P&amp;L series Σᵢ eᵢ(rᵢₜ − r̄ᵢ). O(factors × observations) instead of
    /// O(factors² × observations): for 200 underlyings over 500 days, 100,000 multiply-adds instead of
    /// 10 million (the covariance was the nightly risk batch's largest cost; docs/benchmarks.md).
    /// </summary>
    /// <exception cref="ArgumentException">Exposures and series differ in count, series of different lengths, fewer than two observations, or a value that is not finite.</exception>
    public static double BookVariance(ReadOnlySpan<double> exposures, IReadOnlyList<double[]> returnSeries)
    {
        ArgumentNullException.ThrowIfNull(returnSeries);
        StatisticsArguments.RequireFinite(exposures, nameof(exposures));
        if (returnSeries.Count != exposures.Length)
        {
            throw new ArgumentException($"There must be one return series per exposure ({exposures.Length}).", nameof(returnSeries));
        }

        var observations = returnSeries.Count == 0 ? 0 : returnSeries[0].Length;
        if (returnSeries.Count > 0 && observations < 2)
        {
            throw new ArgumentException("A sample variance needs at least two observations.", nameof(returnSeries));
        }

        var profitAndLoss = new double[observations];
        for (var f = 0; f < returnSeries.Count; f++)
        {
            var series = returnSeries[f];
            if (series.Length != observations)
            {
                throw new ArgumentException("Every return series must have the same number of observations.", nameof(returnSeries));
            }

            StatisticsArguments.RequireFinite(series, nameof(returnSeries));
            var (exposure, mean) = (exposures[f], series.Average());
            for (var t = 0; t < observations; t++)
            {
                profitAndLoss[t] += exposure * (series[t] - mean);
            }
        }

        var sum = 0.0;
        foreach (var value in profitAndLoss)
        {
            sum += value * value;
        }

        return observations < 2 ? 0.0 : sum / (observations - 1);
    }

    /// <summary>The sample covariance (divided by n − 1) of equally long return series, one series per factor.</summary>
    /// <exception cref="ArgumentException">Series of different lengths, fewer than two observations, or a value that is not finite.</exception>
    public static double[,] Covariance(IReadOnlyList<double[]> returnSeries)
    {
        ArgumentNullException.ThrowIfNull(returnSeries);
        var factors = returnSeries.Count;
        var observations = factors == 0 ? 0 : returnSeries[0].Length;
        var means = new double[factors];
        for (var f = 0; f < factors; f++)
        {
            var series = returnSeries[f];
            if (series.Length != observations)
            {
                throw new ArgumentException("Every return series must have the same number of observations.", nameof(returnSeries));
            }

            StatisticsArguments.RequireFinite(series, nameof(returnSeries));
            means[f] = series.Average();
        }

        if (factors > 0 && observations < 2)
        {
            throw new ArgumentException("A sample covariance needs at least two observations.", nameof(returnSeries));
        }

        var covariance = new double[factors, factors];
        for (var a = 0; a < factors; a++)
        {
            for (var b = a; b < factors; b++)
            {
                var sum = 0.0;
                for (var t = 0; t < observations; t++)
                {
                    sum += (returnSeries[a][t] - means[a]) * (returnSeries[b][t] - means[b]);
                }

                covariance[a, b] = covariance[b, a] = sum / (observations - 1);
            }
        }

        return covariance;
    }
}
