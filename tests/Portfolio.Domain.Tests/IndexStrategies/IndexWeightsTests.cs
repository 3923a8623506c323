using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Domain.Tests.IndexStrategies;

public sealed class IndexWeightsTests
{
    [Test]
    public void Capped_OneNameOverTheCap_SharesItsExcessByMarketValue()
    {
        // 60 : 30 : 10 is 0.6, 0.3, 0.1; A capped at 0.5, the other 0.5 shared 3 : 1 = 0.375, 0.125.
        var weights = new double[3];
        IndexWeights.Capped([true, true, true], [60, 30, 10], 0.5, weights);

        Assert.That(weights, Is.EqualTo(new[] { 0.5, 0.375, 0.125 }).Within(1e-12));
    }

    [Test]
    public void Capped_SharingPushesAnotherOverTheCap_CapsItToo()
    {
        // Cap 0.4: A 0.4, the 0.6 left shared 3 : 1 gives B 0.45 > 0.4, so B 0.4 and C the last 0.2.
        var weights = new double[3];
        IndexWeights.Capped([true, true, true], [60, 30, 10], 0.4, weights);

        Assert.That(weights, Is.EqualTo(new[] { 0.4, 0.4, 0.2 }).Within(1e-12));
    }

    [Test]
    public void Capped_CapTooSmallForTheNames_FallsBackToEqualWeights()
    {
        var weights = new double[3];
        IndexWeights.Capped([true, true, false], [60, 30, 10], 0.3, weights);

        Assert.That(weights, Is.EqualTo(new[] { 0.5, 0.5, 0 }).Within(1e-12));
    }

    [Test]
    public void InverseVolatility_ZeroAndUnknownVolatility_StayFinite()
    {
        // σ 0 is floored at 1e-4 (inverse 10,000), σ 0.01 has inverse 100, the unknown one takes their mean 5,050.
        var weights = new double[3];
        IndexWeights.InverseVolatility([true, true, true], [0, 0.01, double.NaN], weights);

        Assert.That(weights, Is.EqualTo(new[] { 10_000 / 15_150.0, 100 / 15_150.0, 5_050 / 15_150.0 }).Within(1e-12));
    }

    [Test]
    public void LimitTurnover_TargetWithinTheLimit_MovesAllTheWay()
    {
        // ½(|0.6 − 0.5| + |0.4 − 0.5|) = 0.1 ≤ 0.25.
        var current = new[] { 0.5, 0.5 };

        var (needed, traded) = IndexWeights.LimitTurnover(current, [0.6, 0.4], 0.25);

        Assert.That((needed, traded), Is.EqualTo((0.1, 0.1)).Using<(double, double)>((x, y) => Math.Abs(x.Item1 - y.Item1) < 1e-12 && Math.Abs(x.Item2 - y.Item2) < 1e-12));
        Assert.That(current, Is.EqualTo(new[] { 0.6, 0.4 }).Within(1e-12));
    }

    [Test]
    public void LimitTurnover_ThreeNamesOverTheLimit_MovesEachTheSameFraction()
    {
        // Needed ½(0.3 + 0.1 + 0.2) = 0.3; limit 0.15 moves each half way: 0.2 + 0.15, 0.5 − 0.05, 0.3 − 0.1.
        var current = new[] { 0.2, 0.5, 0.3 };

        var (needed, traded) = IndexWeights.LimitTurnover(current, [0.5, 0.4, 0.1], 0.15);

        Assert.That(needed, Is.EqualTo(0.3).Within(1e-12));
        Assert.That(traded, Is.EqualTo(0.15).Within(1e-12));
        Assert.That(current, Is.EqualTo(new[] { 0.35, 0.45, 0.2 }).Within(1e-12));
    }
}
