using Portfolio.Domain.Risk.Statistics;

namespace Portfolio.Domain.Tests.Statistics;

public sealed class PerformanceStatisticsTests
{
    private static readonly double RootYear = Math.Sqrt(252);

    [Test]
    public void FromDailyReturns_WorksAHandCheckedSeries()
    {
        // Mean 0.005; deviations ±0.005, ±0.025: Σ² = 0.0013, sample variance 0.0013 / 3.
        // Risk-free 2.52% a year = 0.0001 a day, excess mean 0.0049; shortfalls below it −0.0201 and −0.0001.
        // Growth 1.01 × 0.98 × 1.03 × 1 = 1.019494; the fall from 1.01 to 0.9898 is 2%.
        var figures = PerformanceStatistics.FromDailyReturns([0.01, -0.02, 0.03, 0.00], riskFreeRate: 0.0252);

        var deviation = Math.Sqrt(0.0013 / 3);
        var downside = Math.Sqrt(((0.0201 * 0.0201) + (0.0001 * 0.0001)) / 4);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(figures.AnnualisedReturn, Is.EqualTo(Math.Pow(1.019494, 63) - 1).Within(1e-12));
            Assert.That(figures.AnnualisedVolatility, Is.EqualTo(deviation * RootYear).Within(1e-12));
            Assert.That(figures.Sharpe, Is.EqualTo(0.0049 / deviation * RootYear).Within(1e-9));
            Assert.That(figures.Sortino, Is.EqualTo(0.0049 / downside * RootYear).Within(1e-9));
            Assert.That(figures.MaxDrawdown, Is.EqualTo(0.02).Within(1e-12));
            Assert.That(figures.Observations, Is.EqualTo(4));
        }
    }

    [Test]
    public void FromDailyReturns_WhenReturnsNeverVary_HasZeroSharpeAndSortinoInsteadOfInfinity()
    {
        var figures = PerformanceStatistics.FromDailyReturns(Enumerable.Repeat(0.001, 10).ToArray(), riskFreeRate: 0);

        Assert.That((figures.AnnualisedVolatility, figures.Sharpe, figures.Sortino), Is.EqualTo((0.0, 0.0, 0.0)).Within(1e-12));
    }

    [Test]
    public void FromDailyReturns_WhenEveryReturnIsBelowRiskFree_HasNegativeSortino()
    {
        var figures = PerformanceStatistics.FromDailyReturns(Enumerable.Repeat(0.001, 10).ToArray(), riskFreeRate: 0.504);

        Assert.That((figures.Sharpe, figures.Sortino), Is.EqualTo((0.0, -RootYear)).Within(1e-9));
    }

    [Test]
    public void FromDailyReturns_WithNoOrOneObservation_GivesFiniteFigures()
    {
        var one = PerformanceStatistics.FromDailyReturns([0.01], riskFreeRate: 0.02);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(PerformanceStatistics.FromDailyReturns([], riskFreeRate: 0.02), Is.EqualTo(new PerformanceFigures(0, 0, 0, 0, 0, 0)));
            Assert.That(one.AnnualisedReturn, Is.EqualTo(Math.Pow(1.01, 252) - 1).Within(1e-9));
            Assert.That((one.AnnualisedVolatility, one.Sharpe, one.MaxDrawdown, one.Observations), Is.EqualTo((0.0, 0.0, 0.0, 1)));
        }
    }

    [Test]
    public void FromDailyReturns_RejectsImpossibleReturns()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => PerformanceStatistics.FromDailyReturns([0.01, -1.5], 0));
            Assert.Throws<ArgumentException>(() => PerformanceStatistics.FromDailyReturns([double.PositiveInfinity], 0));
        }
    }

    [Test]
    public void FromDailyReturns_AfterTotalLoss_ReturnsMinusOneAndFullDrawdown()
    {
        var figures = PerformanceStatistics.FromDailyReturns([0.1, -1, 0], riskFreeRate: 0);

        Assert.That((figures.AnnualisedReturn, figures.MaxDrawdown), Is.EqualTo((-1.0, 1.0)));
    }

    [Test]
    public void MaxDrawdown_IsTheLargestFallFromARunningPeak()
    {
        // Falls: 120 → 90 is 25%, 130 → 65 is 50%.
        Assert.That(PerformanceStatistics.MaxDrawdown([100, 120, 90, 130, 65, 140]), Is.EqualTo(0.5));
        Assert.That(PerformanceStatistics.MaxDrawdown([1, 2, 3]), Is.Zero);
        Assert.That(PerformanceStatistics.MaxDrawdown([]), Is.Zero);
        Assert.Throws<ArgumentException>(() => PerformanceStatistics.MaxDrawdown([0, 1]));
        Assert.Throws<ArgumentException>(() => PerformanceStatistics.MaxDrawdown([1, -1]));
    }

    [Test]
    public void SimpleReturns_AreRelativeChanges()
    {
        Assert.That(PerformanceStatistics.SimpleReturns([100, 110, 99]), Is.EqualTo(new[] { 0.1, -0.1 }).Within(1e-12));
        Assert.That(PerformanceStatistics.SimpleReturns([100]), Is.Empty);
        Assert.Throws<ArgumentException>(() => PerformanceStatistics.SimpleReturns([100, 0]));
    }
}
