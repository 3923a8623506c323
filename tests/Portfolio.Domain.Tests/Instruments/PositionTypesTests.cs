using Portfolio.Domain.Instruments;
using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Instruments;

public sealed class PositionTypesTests
{
    [TestCase(10, null, PositionType.Long)]
    [TestCase(-0.5, null, PositionType.Short)]
    [TestCase(2, OptionRight.Call, PositionType.LongCall)]
    [TestCase(2, OptionRight.Put, PositionType.LongPut)]
    [TestCase(-3, OptionRight.Call, PositionType.ShortCall)]
    [TestCase(-3, OptionRight.Put, PositionType.ShortPut)]
    public void Detect_ReadsDirectionFromSignAndSideFromRight(decimal quantity, OptionRight? right, PositionType expected) =>
        Assert.That(PositionTypes.Detect(quantity, right), Is.EqualTo(expected));

    [Test]
    public void Detect_WhenQuantityIsZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionTypes.Detect(0m, null));

    [TestCase(PositionType.Long, false, null, 1)]
    [TestCase(PositionType.Short, false, null, -1)]
    [TestCase(PositionType.LongCall, true, OptionRight.Call, 1)]
    [TestCase(PositionType.LongPut, true, OptionRight.Put, 1)]
    [TestCase(PositionType.ShortCall, true, OptionRight.Call, -1)]
    [TestCase(PositionType.ShortPut, true, OptionRight.Put, -1)]
    public void Extensions_DescribeEachType(PositionType type, bool isOption, OptionRight? right, int sign)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(type.IsOption(), Is.EqualTo(isOption));
            Assert.That(type.Right(), Is.EqualTo(right));
            Assert.That(type.Sign(), Is.EqualTo(sign));
        }
    }
}
