using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Domain.Tests.IndexStrategies;

public sealed class IndexSimulatorTests
{
    private const double Nan = double.NaN;

    [Test]
    public void Simulate_TwoNamesOneInEuros_ValuesRebalancesWithinTheTurnoverLimitAndConvertsFx()
    {
        // A in USD, B in EUR, simulated in USD; equal weight, at most 10% one-way turnover per rebalance.
        var simulator = new IndexSimulator(new IndexRules(IndexWeighting.EqualWeight, 63, 1, 0.10), 2, 1000, new DateOnly(2026, 1, 29));

        // 28 Jan, before the start: fills the volatility window only, nothing is invested.
        simulator.Advance(new DateOnly(2026, 1, 28), [90, 45], [1, 1.10]);
        // 29 Jan, the start: A 100 USD; B 50 EUR × 1.10 = 55 USD. 500 each: A 5 units, B 500 / 55 = 9.0909… units.
        simulator.Advance(new DateOnly(2026, 1, 29), [100, 50], [Nan, Nan]);
        // 30 Jan: A 110. 5 × 110 + 9.0909… × 55 = 550 + 500 = 1050.
        simulator.Advance(new DateOnly(2026, 1, 30), [110, 50], [Nan, Nan]);
        // 2 Feb, first day of the month: A 200, EUR/USD 1.20 so B = 60 USD. 5 × 200 + (500/55) × 60 = 1000 + 545.45… = 17000/11.
        // Weights before: A 1000 / (17000/11) = 11/17, B 6/17. The target (½, ½) needs ½(|½ − 11/17| + |½ − 6/17|) = 5/34 = 0.147 > 0.10,
        // so each moves 0.10 / (5/34) = 68% of the way: A 11/17 − 0.1 = 93/170, B 6/17 + 0.1 = 77/170.
        // Units: A (17000/11)(93/170) / 200 = 9300/2200 = 4.2272…; B (17000/11)(77/170) / 60 = 700/60 = 11.666….
        simulator.Advance(new DateOnly(2026, 2, 2), [200, 50], [Nan, 1.20]);
        // 3 Feb: A 180, B 55 EUR × 1.20 (carried) = 66 USD. 4.2272… × 180 + 11.666… × 66 = 760.9090… + 770 = 33680/22.
        simulator.Advance(new DateOnly(2026, 2, 3), [180, 55], [Nan, Nan]);

        var result = simulator.Finish(riskFreeRate: 0);

        Assert.That(result.Path.Select(p => p.Value), Is.EqualTo(new[] { 1000, 1050, 17000.0 / 11, 33680.0 / 22 }).Within(1e-9));
        Assert.That(result.Path[0].Date, Is.EqualTo(new DateOnly(2026, 1, 29)));
        Assert.That(result.Rebalances, Has.Count.EqualTo(2));
        var (initial, february) = (result.Rebalances[0], result.Rebalances[1]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(initial.Initial, Is.True);
            Assert.That(initial.Weights, Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-12));
            Assert.That(february.Date, Is.EqualTo(new DateOnly(2026, 2, 2)));
            Assert.That(february.Targets, Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-12));
            Assert.That(february.TargetTurnover, Is.EqualTo(5.0 / 34).Within(1e-12));
            Assert.That(february.Turnover, Is.EqualTo(0.10).Within(1e-12));
            Assert.That(february.Limited, Is.True);
            Assert.That(february.Weights, Is.EqualTo(new[] { 93.0 / 170, 77.0 / 170 }).Within(1e-12));
        }

        // Returns 0.05, (17000/11)/1050 − 1 = 0.4718615, (33680/22)/(17000/11) − 1 = 33680/34000 − 1 = −0.0094118.
        // Total 33680/22 / 1000 − 1 = 0.5309091; the only fall is 17000/11 → 33680/22, 320/34000, peak 2 Feb, trough 3 Feb, not regained.
        var stats = result.Statistics;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stats.TotalReturn, Is.EqualTo((33680.0 / 22000) - 1).Within(1e-12));
            Assert.That(stats.TradingDays, Is.EqualTo(4));
            Assert.That(stats.AnnualisedReturn, Is.EqualTo(Math.Pow(33680.0 / 22000, 252.0 / 3) - 1).Within(1e-6 * Math.Pow(33680.0 / 22000, 84)));
            Assert.That(stats.AnnualisedVolatility, Is.EqualTo(4.165461927977457).Within(1e-9));
            Assert.That(stats.Drawdown.MaxDrawdown, Is.EqualTo(320.0 / 34000).Within(1e-12));
            Assert.That(stats.Drawdown.PeakDate, Is.EqualTo(new DateOnly(2026, 2, 2)));
            Assert.That(stats.Drawdown.TroughDate, Is.EqualTo(new DateOnly(2026, 2, 3)));
            Assert.That(stats.Drawdown.RecoveryDate, Is.Null);
        }
    }

    [Test]
    public void Finish_OneNameOfKnownPrices_GivesItsVolatilitySharpeAndDrawdownWithDates()
    {
        // Prices 100, 120, 90, 108, 135: returns 0.2, −0.25, 0.2, 0.25; mean 0.1; deviations 0.1, −0.35, 0.1, 0.15,
        // squares sum 0.165, sample variance 0.055, σ = 0.2345208; annualised σ√252 = √13.86 = 3.7229021.
        // Sharpe at 0%: 0.1 / 0.2345208 × √252 = 6.7689129. Drawdown 120 → 90 = 25%, regained on 135 (8 Jan).
        var simulator = new IndexSimulator(new IndexRules(IndexWeighting.EqualWeight, 63, 1, 1), 1, 100, new DateOnly(2026, 1, 5));
        double[] prices = [100, 120, 90, 108, 135];
        for (var day = 0; day < prices.Length; day++)
        {
            simulator.Advance(new DateOnly(2026, 1, 5 + day), [prices[day]], [1]);
        }

        var stats = simulator.Finish(riskFreeRate: 0).Statistics;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stats.EndValue, Is.EqualTo(135).Within(1e-9));
            Assert.That(stats.TotalReturn, Is.EqualTo(0.35).Within(1e-12));
            Assert.That(stats.AnnualisedVolatility, Is.EqualTo(3.722902093797257).Within(1e-9));
            Assert.That(stats.Sharpe, Is.EqualTo(6.768912897813196).Within(1e-9));
            Assert.That(stats.Drawdown.MaxDrawdown, Is.EqualTo(0.25).Within(1e-12));
            Assert.That(stats.Drawdown.PeakDate, Is.EqualTo(new DateOnly(2026, 1, 6)));
            Assert.That(stats.Drawdown.TroughDate, Is.EqualTo(new DateOnly(2026, 1, 7)));
            Assert.That(stats.Drawdown.RecoveryDate, Is.EqualTo(new DateOnly(2026, 1, 9)));
        }
    }

    [Test]
    public void Finish_FlatPrices_HasZeroVolatilityAndSharpeNeverNaN()
    {
        var simulator = new IndexSimulator(new IndexRules(IndexWeighting.InverseVolatility, 5, 1, 0.2), 2, 1_000_000, new DateOnly(2026, 1, 1));
        for (var day = 0; day < 70; day++)
        {
            simulator.Advance(new DateOnly(2025, 12, 1).AddDays(day), [50, 20], [1, 1]);
        }

        var result = simulator.Finish(riskFreeRate: 0.045);

        Assert.That(result.Path.Select(p => p.Value), Is.All.EqualTo(1_000_000).Within(1e-6));
        Assert.That(result.Statistics.AnnualisedVolatility, Is.Zero);
        Assert.That(result.Statistics.Sharpe, Is.Zero);
        Assert.That(result.Rebalances.SelectMany(r => r.Weights), Is.All.Matches<double>(double.IsFinite));
    }

    [Test]
    public void Simulate_InverseVolatility_WeightsByTheTrailingWindowBeforeTheStart()
    {
        // A alternates ±1%, B ±2% before the start: σ_B = 2σ_A, so weights 1/σ are 2/3 and 1/3 at once.
        var simulator = new IndexSimulator(new IndexRules(IndexWeighting.InverseVolatility, 10, 1, 1), 2, 300, new DateOnly(2026, 3, 2));
        var (a, b) = (100.0, 100.0);
        var date = new DateOnly(2026, 2, 1);
        for (var day = 0; day < 20; day++, date = date.AddDays(1))
        {
            var sign = day % 2 == 0 ? 1 : -1;
            (a, b) = (a * (1 + (0.01 * sign)), b * (1 + (0.02 * sign)));
            simulator.Advance(date, [a, b], [1, 1]);
        }

        simulator.Advance(new DateOnly(2026, 3, 2), [a, b], [1, 1]);

        Assert.That(simulator.Finish(0).Rebalances[0].Weights, Is.EqualTo(new[] { 2.0 / 3, 1.0 / 3 }).Within(1e-3));
    }

    [Test]
    public void Advance_DaysOutOfOrder_Throws()
    {
        var simulator = new IndexSimulator(new IndexRules(IndexWeighting.EqualWeight, 63, 1, 1), 1, 100, new DateOnly(2026, 1, 1));
        simulator.Advance(new DateOnly(2026, 1, 2), [1], [1]);

        Assert.Throws<ArgumentException>(() => simulator.Advance(new DateOnly(2026, 1, 2), [1], [1]));
    }
}
