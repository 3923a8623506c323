using Portfolio.Domain.Risk.Statistics;

namespace Portfolio.Domain.Tests.Statistics;

public sealed class ParametricVarTests
{
    private const double Z99 = 2.3263478740;

    [TestCase(1_000_000)]
    [TestCase(-1_000_000)]
    public void DeltaNormal_OfOnePosition_IsExposureTimesSigmaTimesZ(double exposure)
    {
        var covariance = new double[,] { { 0.02 * 0.02 } };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ParametricVar.DeltaNormal([exposure], covariance, 0.99), Is.EqualTo(1_000_000 * 0.02 * Z99).Within(1e-4));
            Assert.That(ParametricVar.DeltaNormal([exposure], covariance, 0.99, horizonDays: 10),
                Is.EqualTo(1_000_000 * 0.02 * Z99 * Math.Sqrt(10)).Within(1e-4));
        }
    }

    [Test]
    public void DeltaNormal_OfTwoCorrelatedPositions_UsesTheCovariance()
    {
        // σ₁ = 2%, σ₂ = 3%, ρ = 0.5 so σ₁₂ = 0.0003; long 1m of the first, short 0.5m of the second:
        // eᵀΣe = 1e12·0.0004 + 2.5e11·0.0009 − 2·5e11·0.0003 = 4e8 + 2.25e8 − 3e8 = 3.25e8.
        var covariance = new double[,] { { 0.0004, 0.0003 }, { 0.0003, 0.0009 } };

        var valueAtRisk = ParametricVar.DeltaNormal([1_000_000, -500_000], covariance, 0.99);

        Assert.That(valueAtRisk, Is.EqualTo(Math.Sqrt(3.25e8) * Z99).Within(1e-4));
    }

    [Test]
    public void DeltaNormal_OfAnEmptyBook_IsZero() =>
        Assert.That(ParametricVar.DeltaNormal([], new double[0, 0], 0.99), Is.Zero);

    [Test]
    public void DeltaNormal_RejectsMismatchedOrImpossibleCovariance()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => ParametricVar.DeltaNormal([1, 1], new double[,] { { 1 } }, 0.99));
            Assert.Throws<ArgumentException>(() => ParametricVar.DeltaNormal([1, -1], new double[,] { { 1, 2 }, { 2, 1 } }, 0.99));
            Assert.Throws<ArgumentException>(() => ParametricVar.DeltaNormal([1], new double[,] { { double.NaN } }, 0.99));
        }
    }

    [Test]
    public void Covariance_IsTheSampleCovarianceOverNMinusOne()
    {
        // Means 2.5 and 5; deviations (−1.5, −0.5, 0.5, 1.5) and twice those: Σ = 5, 10, 20 over n − 1 = 3.
        var covariance = ParametricVar.Covariance([[1, 2, 3, 4], [2, 4, 6, 8]]);

        Assert.That(covariance, Is.EqualTo(new double[,] { { 5.0 / 3, 10.0 / 3 }, { 10.0 / 3, 20.0 / 3 } }).Within(1e-12));
    }

    [Test]
    public void Covariance_RejectsTooFewOrUnequalObservations()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => ParametricVar.Covariance([[1]]));
            Assert.Throws<ArgumentException>(() => ParametricVar.Covariance([[1, 2], [1, 2, 3]]));
        }
    }

    [Test]
    public void BookVariance_OfAHandCheckedBook_IsTheVarianceOfItsDailyPnL()
    {
        // Series as in the covariance case above, exposures 2 and −1: eᵀΣe = 4·5/3 − 2·2·10/3 + 20/3 = 0, since the
        // second series is twice the first and the book is exactly hedged. With exposures 1 and 1: 5/3 + 20/3 + 20/3 = 15.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ParametricVar.BookVariance([2, -1], [[1, 2, 3, 4], [2, 4, 6, 8]]), Is.EqualTo(0).Within(1e-12));
            Assert.That(ParametricVar.BookVariance([1, 1], [[1, 2, 3, 4], [2, 4, 6, 8]]), Is.EqualTo(15).Within(1e-12));
            Assert.That(ParametricVar.FromVariance(3.25e8, 0.99), Is.EqualTo(Math.Sqrt(3.25e8) * Z99).Within(1e-4));
            Assert.That(ParametricVar.BookVariance([], []), Is.Zero);
        }
    }

    [Test]
    public void BookVariance_EqualsTheQuadraticFormOfTheCovariance_OnARandomBook()
    {
        var random = new Random(2026);
        var series = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 500).Select(_ => (random.NextDouble() - 0.5) * 0.06).ToArray()).ToList();
        // A common factor, so the covariance is far from diagonal.
        foreach (var s in series.Skip(1))
        {
            for (var t = 0; t < s.Length; t++)
            {
                s[t] += 0.7 * series[0][t];
            }
        }

        double[] exposures = [.. Enumerable.Range(0, 60).Select(_ => (random.NextDouble() - 0.3) * 2_000_000)];
        var covariance = ParametricVar.Covariance(series);
        var quadratic = 0.0;
        for (var i = 0; i < exposures.Length; i++)
        {
            for (var j = 0; j < exposures.Length; j++)
            {
                quadratic += exposures[i] * covariance[i, j] * exposures[j];
            }
        }

        var variance = ParametricVar.BookVariance(exposures, series);

        Assert.That(variance, Is.EqualTo(quadratic).Within(1e-10).Percent);
        Assert.That(ParametricVar.FromVariance(variance, 0.99, 10), Is.EqualTo(ParametricVar.DeltaNormal(exposures, covariance, 0.99, 10)).Within(1e-10).Percent);
    }

    [Test]
    public void BookVariance_RejectsMismatchedOrNonFiniteInput()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => ParametricVar.BookVariance([1, 1], [[1, 2]]));
            Assert.Throws<ArgumentException>(() => ParametricVar.BookVariance([1, 1], [[1, 2], [1, 2, 3]]));
            Assert.Throws<ArgumentException>(() => ParametricVar.BookVariance([1], [[1]]));
            Assert.Throws<ArgumentException>(() => ParametricVar.BookVariance([double.NaN], [[1, 2]]));
            Assert.Throws<ArgumentException>(() => ParametricVar.BookVariance([1], [[1, double.PositiveInfinity]]));
            Assert.Throws<ArgumentException>(() => ParametricVar.FromVariance(-1, 0.99));
            Assert.Throws<ArgumentException>(() => ParametricVar.FromVariance(double.NaN, 0.99));
        }
    }
}
