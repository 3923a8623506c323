using Alerts.Domain;

namespace Alerts.Tests.Domain;

public sealed class AlertRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 14, 0, 0, TimeSpan.Zero);

    private static AlertRule Above(decimal threshold = 100m) => AlertRule.PriceRule(Guid.NewGuid(), RuleKind.PriceAbove, "ACME", threshold, T0);

    [Test]
    public void Create_WhenNew_IsArmedAndUnobserved()
    {
        var rule = Above();
        Assert.That(rule.Armed, Is.True);
        Assert.That(rule.LastObservedAt, Is.Null);
    }

    [Test]
    public void Observe_WhenConditionBecomesTrueWhileArmed_FiresAndDisarms()
    {
        var rule = Above();
        Assert.That(rule.Observe(101m, T0.AddMinutes(1), T0), Is.EqualTo(RuleOutcome.Fired));
        Assert.That(rule.Armed, Is.False);
        Assert.That(rule.LastValue, Is.EqualTo(101m));
        Assert.That(rule.LastTriggeredAt, Is.EqualTo(T0));
    }

    [Test]
    public void Observe_WhenConditionKeepsHolding_StaysQuiet()
    {
        var rule = Above();
        rule.Observe(101m, T0.AddMinutes(1), T0);
        Assert.That(rule.Observe(105m, T0.AddMinutes(2), T0), Is.EqualTo(RuleOutcome.Quiet));
        Assert.That(rule.Observe(150m, T0.AddMinutes(3), T0), Is.EqualTo(RuleOutcome.Quiet));
        Assert.That(rule.Armed, Is.False);
    }

    [Test]
    public void Observe_WhenConditionClearsAndRecurs_RearmsThenFiresAgain()
    {
        var rule = Above();
        rule.Observe(101m, T0.AddMinutes(1), T0);
        Assert.That(rule.Observe(99m, T0.AddMinutes(2), T0), Is.EqualTo(RuleOutcome.Rearmed));
        Assert.That(rule.Armed, Is.True);
        Assert.That(rule.Observe(102m, T0.AddMinutes(3), T0.AddMinutes(3)), Is.EqualTo(RuleOutcome.Fired));
        Assert.That(rule.LastTriggeredAt, Is.EqualTo(T0.AddMinutes(3)));
    }

    [Test]
    public void Observe_WhenValueEqualsThreshold_DoesNotFire()
    {
        var rule = Above();
        Assert.That(rule.Observe(100m, T0.AddMinutes(1), T0), Is.EqualTo(RuleOutcome.Quiet));
        Assert.That(rule.Armed, Is.True);
    }

    [Test]
    public void Observe_WhenNotArmedAndConditionNotMet_StaysQuietWhileArmed()
    {
        var rule = Above();
        Assert.That(rule.Observe(50m, T0.AddMinutes(1), T0), Is.EqualTo(RuleOutcome.Quiet));
    }

    [Test]
    public void Observe_WhenQuoteIsNotNewerThanLastObservation_IsIgnored()
    {
        var rule = Above();
        rule.Observe(99m, T0.AddMinutes(5), T0);
        Assert.That(rule.Observe(150m, T0.AddMinutes(4), T0), Is.EqualTo(RuleOutcome.Stale));
        Assert.That(rule.Observe(150m, T0.AddMinutes(5), T0), Is.EqualTo(RuleOutcome.Stale));
        Assert.That(rule.Armed, Is.True);
        Assert.That(rule.LastValue, Is.EqualTo(99m));
    }

    [Test]
    public void Observe_WhenPriceBelowRuleCrossesDown_Fires()
    {
        var rule = AlertRule.PriceRule(Guid.NewGuid(), RuleKind.PriceBelow, "ACME", 10m, T0);
        Assert.That(rule.Observe(11m, T0.AddMinutes(1), T0), Is.EqualTo(RuleOutcome.Quiet));
        Assert.That(rule.Observe(9.99m, T0.AddMinutes(2), T0), Is.EqualTo(RuleOutcome.Fired));
        Assert.That(rule.Observe(10m, T0.AddMinutes(3), T0), Is.EqualTo(RuleOutcome.Rearmed));
    }

    [Test]
    public void Observe_WhenVarExceedsThreshold_Fires()
    {
        var rule = AlertRule.VarRule(Guid.NewGuid(), Guid.NewGuid(), 1_000_000m, T0);
        Assert.That(rule.Observe(1_000_001m, T0.AddMinutes(1), T0), Is.EqualTo(RuleOutcome.Fired));
    }

    [Test]
    public void AlertSourceFor_WhenSameEventAndRule_IsTheSameAndDiffersPerRuleAndEvent()
    {
        var rule = Above();
        var other = Above();
        var eventId = Guid.NewGuid();
        var first = rule.AlertSourceFor(eventId);
        Assert.That(rule.AlertSourceFor(eventId), Is.EqualTo(first));
        Assert.That(rule.AlertSourceFor(eventId), Is.Not.EqualTo(other.AlertSourceFor(eventId)));
        Assert.That(rule.AlertSourceFor(eventId), Is.Not.EqualTo(rule.AlertSourceFor(Guid.NewGuid())));
        Assert.That(rule.AlertSourceFor(eventId).Version, Is.EqualTo(8));
    }

    [TestCase("AAPL", true)]
    [TestCase("BRK.B", true)]
    [TestCase("A", true)]
    [TestCase("ABCDEFGHIJKL", true)]
    [TestCase("ABCDEFGHIJKLM", false)]
    [TestCase("aapl", false)]
    [TestCase("", false)]
    [TestCase(".A", false)]
    [TestCase("AA PL", false)]
    public void IsTicker_WhenGiven_AcceptsUpperCaseSymbolsOnly(string ticker, bool valid) =>
        Assert.That(AlertRule.IsTicker(ticker), Is.EqualTo(valid));

    [Test]
    public void PriceRule_WhenThresholdNotPositive_Throws() =>
        Assert.That(() => AlertRule.PriceRule(Guid.NewGuid(), RuleKind.PriceAbove, "ACME", 0m, T0), Throws.ArgumentException);
}
