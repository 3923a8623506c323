using Portfolio.Domain.Risk.Statistics;

namespace Portfolio.Domain.Tests.Statistics;

public sealed class FactorRegressionTests
{
    private const int Days = 250;

    private static double[] RandomSeries(Random random, double scale) =>
        Enumerable.Range(0, Days).Select(_ => (random.NextDouble() - 0.5) * scale).ToArray();

    private static (double[] Y, double[] X1, double[] X2) Synthetic(double noise)
    {
        var random = new Random(20261205);
        var x1 = RandomSeries(random, 0.04);
        var x2 = RandomSeries(random, 0.02);
        var y = Enumerable.Range(0, Days)
            .Select(t => 0.001 + (1.2 * x1[t]) - (0.5 * x2[t]) + ((random.NextDouble() - 0.5) * noise))
            .ToArray();
        return (y, x1, x2);
    }

    [Test]
    public void Fit_RecoversExactBetasWithRSquaredOne()
    {
        var (y, x1, x2) = Synthetic(noise: 0);

        var fit = FactorRegression.Fit(y, [x1, x2]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fit.Alpha, Is.EqualTo(0.001).Within(1e-12));
            Assert.That(fit.Betas, Is.EqualTo(new[] { 1.2, -0.5 }).Within(1e-10));
            Assert.That(fit.RSquared, Is.EqualTo(1).Within(1e-12));
            Assert.That(fit.Observations, Is.EqualTo(Days));
        }
    }

    [Test]
    public void Fit_WithNoise_EstimatesBetasAndExplainsLessThanEverything()
    {
        var (y, x1, x2) = Synthetic(noise: 0.02);

        var fit = FactorRegression.Fit(y, [x1, x2]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fit.Betas[0], Is.EqualTo(1.2).Within(0.1));
            Assert.That(fit.Betas[1], Is.EqualTo(-0.5).Within(0.2));
            Assert.That(fit.RSquared, Is.LessThan(0.99).And.GreaterThan(0.5));
        }
    }

    [Test]
    public void Fit_WhenReturnsAreConstant_ExplainsEverythingWithZeroBetas()
    {
        var (_, x1, _) = Synthetic(noise: 0);

        var fit = FactorRegression.Fit(Enumerable.Repeat(0.002, Days).ToArray(), [x1]);

        Assert.That((fit.Alpha, fit.Betas[0], fit.RSquared), Is.EqualTo((0.002, 0.0, 1.0)).Using<(double, double, double)>(
            (a, b) => Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-10 && a.Item3 == b.Item3));
    }

    [Test]
    public void Fit_WhenObservationsDoNotExceedParameters_Throws() =>
        Assert.That(() => FactorRegression.Fit([0.01, 0.02, 0.03], [[1, 2, 4], [3, 1, 2]]),
            Throws.ArgumentException.With.Message.Contains("need more than 3 observations"));

    [Test]
    public void Fit_WhenFactorsAreCollinear_Throws()
    {
        var (y, x1, _) = Synthetic(noise: 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => FactorRegression.Fit(y, [x1, x1.Select(v => 2 * v).ToArray()]),
                Throws.ArgumentException.With.Message.Contains("collinear"));
            Assert.That(() => FactorRegression.Fit(y, [Enumerable.Repeat(0.01, Days).ToArray()]),
                Throws.ArgumentException.With.Message.Contains("collinear"));
        }
    }

    [Test]
    public void Fit_WhenSeriesDifferInLength_Throws() =>
        Assert.Throws<ArgumentException>(() => FactorRegression.Fit([0.01, 0.02, 0.03, 0.04], [[1, 2, 3]]));
}
