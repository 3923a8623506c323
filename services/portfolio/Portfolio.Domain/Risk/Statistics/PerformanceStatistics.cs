namespace Portfolio.Domain.Risk.Statistics;

/// <summary>Return, risk and drawdown figures from daily returns or values.</summary>
public static class PerformanceStatistics
{
    public const int TradingDaysPerYear = 252;

    // Identical daily returns leave a standard deviation of rounding noise, not volatility; dividing by it
    // would turn a flat series into an astronomically large Sharpe ratio.
    private const double NegligibleDeviation = 1e-12;

    /// <summary>
    /// The annualised return is geometric: (Π(1 + r))^(252/n) − 1. Volatility is the sample standard
    /// deviation × √252. Sharpe and Sortino use the mean daily excess return over riskFreeRate / 252 (the
    /// annual rate spread evenly), × √252; Sortino divides by the downside deviation √(Σ min(0, r − r_f)² / n).
    /// A ratio whose denominator is zero is 0: Sharpe with no volatility, Sortino with no return below the
    /// risk-free rate. No returns give all zeros; one return gives its annualised return and zero risk.
    /// The drawdown is measured on the value of 1 invested before the first return.
    /// </summary>
    /// <exception cref="ArgumentException">A return is not finite or is below −100%.</exception>
    public static PerformanceFigures FromDailyReturns(ReadOnlySpan<double> dailyReturns, double riskFreeRate)
    {
        StatisticsArguments.RequireFinite(dailyReturns, nameof(dailyReturns));
        var n = dailyReturns.Length;
        if (n == 0)
        {
            return new PerformanceFigures(0, 0, 0, 0, 0, 0);
        }

        var values = new double[n + 1];
        values[0] = 1;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (dailyReturns[i] < -1)
            {
                throw new ArgumentException("A daily return cannot be below −100%.", nameof(dailyReturns));
            }

            values[i + 1] = values[i] * (1 + dailyReturns[i]);
            sum += dailyReturns[i];
        }

        var mean = sum / n;
        var riskFreeDaily = riskFreeRate / TradingDaysPerYear;
        var squaredDeviations = 0.0;
        var squaredShortfalls = 0.0;
        foreach (var r in dailyReturns)
        {
            squaredDeviations += (r - mean) * (r - mean);
            var shortfall = Math.Min(0, r - riskFreeDaily);
            squaredShortfalls += shortfall * shortfall;
        }

        var deviation = n > 1 ? Math.Sqrt(squaredDeviations / (n - 1)) : 0;
        var downsideDeviation = Math.Sqrt(squaredShortfalls / n);
        var annualFactor = Math.Sqrt(TradingDaysPerYear);
        var excess = mean - riskFreeDaily;
        return new PerformanceFigures(
            AnnualisedReturn: Math.Pow(values[n], (double)TradingDaysPerYear / n) - 1,
            AnnualisedVolatility: deviation * annualFactor,
            Sharpe: deviation > NegligibleDeviation ? excess / deviation * annualFactor : 0,
            Sortino: downsideDeviation > NegligibleDeviation ? excess / downsideDeviation * annualFactor : 0,
            MaxDrawdown: MaxDrawdown(values),
            Observations: n);
    }

    /// <summary>The largest fall from a running peak, as a positive fraction of that peak; 0 for fewer than two values.</summary>
    /// <exception cref="ArgumentException">A value is negative or not finite, or the first value is zero (there is no peak to fall from).</exception>
    public static double MaxDrawdown(ReadOnlySpan<double> values)
    {
        StatisticsArguments.RequireFinite(values, nameof(values));
        if (values.Length == 0)
        {
            return 0;
        }

        if (values[0] <= 0)
        {
            throw new ArgumentException("The first value must be positive.", nameof(values));
        }

        var peak = values[0];
        var drawdown = 0.0;
        foreach (var value in values)
        {
            if (value < 0)
            {
                throw new ArgumentException("Values cannot be negative.", nameof(values));
            }

            peak = Math.Max(peak, value);
            drawdown = Math.Max(drawdown, (peak - value) / peak);
        }

        return drawdown;
    }

    /// <summary>pₜ / pₜ₋₁ − 1 for each consecutive pair, so one fewer than the prices.</summary>
    /// <exception cref="ArgumentException">A price is not positive or not finite.</exception>
    public static double[] SimpleReturns(ReadOnlySpan<double> prices)
    {
        StatisticsArguments.RequireFinite(prices, nameof(prices));
        if (prices.Length < 2)
        {
            return [];
        }

        var returns = new double[prices.Length - 1];
        for (var i = 0; i < returns.Length; i++)
        {
            if (prices[i] <= 0 || prices[i + 1] <= 0)
            {
                throw new ArgumentException("Prices must be positive.", nameof(prices));
            }

            returns[i] = (prices[i + 1] / prices[i]) - 1;
        }

        return returns;
    }
}
