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
}
