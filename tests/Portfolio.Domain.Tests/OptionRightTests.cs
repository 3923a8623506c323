using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests;

public sealed class OptionRightTests
{
    [Test]
    public void Has_exactly_call_and_put() =>
        Assert.That(Enum.GetNames<OptionRight>(), Is.EqualTo(new[] { "Call", "Put" }));
}
