using Portfolio.Domain.Modeling;

namespace Portfolio.Domain.Tests.Modeling;

public sealed class HedgeSizingTests
{
    [TestCase(1000.0, 100.0, 10)]
    [TestCase(1000.01, 100.0, 11)]
    [TestCase(-250.0, 100.0, 3)]
    [TestCase(0.0, 100.0, 0)]
    public void UnitsCovering_RoundsUpToWholeUnits(double amount, double unit, long expected) =>
        Assert.That(HedgeSizing.UnitsCovering(amount, unit), Is.EqualTo(expected));

    [Test]
    public void UnitsCovering_RefusesANonPositiveUnit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HedgeSizing.UnitsCovering(100, 0));

    [Test]
    public void ConcentrationOffset_BringsTheShareExactlyToTheLimit()
    {
        // One name of 600 in a gross of 1,000, limit 40%: offsetting d gives (600 − d) / (1000 + d) = 0.4.
        var d = HedgeSizing.ConcentrationOffset(600, 1000, 40);

        Assert.That(d, Is.EqualTo(200 / 1.4).Within(1e-9));
        Assert.That((600 - d) / (1000 + d), Is.EqualTo(0.4).Within(1e-12));
        Assert.That(HedgeSizing.ConcentrationOffset(300, 1000, 40), Is.Zero, "already inside");
    }

    [TestCase(5, 37)]
    [TestCase(100, 37)]
    [TestCase(1, 1)]
    public void SmallestInside_FindsTheThreshold_FromAGuessOnEitherSide(long guess, long threshold)
    {
        var calls = 0;
        var found = HedgeSizing.SmallestInside(q => { calls++; return q >= threshold; }, guess, 1_000);

        Assert.That(found, Is.EqualTo(threshold));
        Assert.That(calls, Is.LessThan(25));
    }

    [Test]
    public void SmallestInside_IsNull_WhenEvenTheMaximumIsOutside() =>
        Assert.That(HedgeSizing.SmallestInside(_ => false, 10, 500), Is.Null);
}
