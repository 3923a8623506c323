using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Pricing;

public sealed class DegenerateInputTests
{
    [TestCase(OptionRight.Call, 110.0, 0.0, 10.0, 1.0)]
    [TestCase(OptionRight.Call, 90.0, 0.0, 0.0, 0.0)]
    [TestCase(OptionRight.Put, 90.0, 0.0, 10.0, -1.0)]
    [TestCase(OptionRight.Put, 110.0, 0.0, 0.0, 0.0)]
    [TestCase(OptionRight.Call, 100.0, 0.0, 0.0, 0.5)]
    [TestCase(OptionRight.Put, 100.0, 0.0, 0.0, -0.5)]
    [TestCase(OptionRight.Call, 110.0, -0.25, 10.0, 1.0)]
    public void Evaluate_AtOrAfterExpiry_GivesIntrinsicValueAndStepDelta(
        OptionRight right, double spot, double years, double intrinsic, double delta)
    {
        OptionGreeks greeks = BlackScholes.Evaluate(new OptionContract(right, spot, 100, years, 0.05, 0.02, 0.3));

        Assert.That(greeks, Is.EqualTo(new OptionGreeks(intrinsic, delta, 0, 0, 0, 0)));
    }

    [TestCase(OptionRight.Call, 110.0)]
    [TestCase(OptionRight.Call, 90.0)]
    [TestCase(OptionRight.Put, 90.0)]
    [TestCase(OptionRight.Put, 110.0)]
    public void Evaluate_WithoutVolatility_GivesDiscountedForwardIntrinsicAndItsSensitivities(OptionRight right, double spot)
    {
        const double years = 2.0;
        const double rate = 0.05;
        const double dividendYield = 0.02;
        double omega = right == OptionRight.Call ? 1 : -1;
        double spotValue = spot * Math.Exp(-dividendYield * years);
        double strikeValue = 100 * Math.Exp(-rate * years);
        double inTheMoney = omega * (spotValue - strikeValue) > 0 ? 1 : 0;

        OptionGreeks greeks = BlackScholes.Evaluate(new OptionContract(right, spot, 100, years, rate, dividendYield, 0));

        Assert.Multiple(() =>
        {
            Assert.That(greeks.Price, Is.EqualTo(Math.Max(omega * (spotValue - strikeValue), 0)).Within(1e-12));
            Assert.That(greeks.Delta, Is.EqualTo(omega * inTheMoney * Math.Exp(-dividendYield * years)).Within(1e-15));
            Assert.That(greeks.Gamma, Is.Zero);
            Assert.That(greeks.Vega, Is.Zero);
            Assert.That(greeks.Theta, Is.EqualTo(omega * inTheMoney * (dividendYield * spotValue - rate * strikeValue) / 365).Within(1e-12));
            Assert.That(greeks.Rho, Is.EqualTo(omega * inTheMoney * strikeValue * years / 100).Within(1e-12));
        });
    }

    [TestCase(OptionRight.Call, 100.0, 100.0, 1e-12, 0.2)]
    [TestCase(OptionRight.Put, 100.0, 100.0, 1e-12, 0.2)]
    [TestCase(OptionRight.Call, 100.0, 100.0, 1.0, 1e-12)]
    [TestCase(OptionRight.Call, 1000.0, 1.0, 1.0, 0.01)]
    [TestCase(OptionRight.Put, 1000.0, 1.0, 1.0, 0.01)]
    [TestCase(OptionRight.Call, 1.0, 1000.0, 0.01, 0.05)]
    [TestCase(OptionRight.Put, 1.0, 1000.0, 0.01, 0.05)]
    [TestCase(OptionRight.Call, 100.0, 100.0, 30.0, 20.0)]
    [TestCase(OptionRight.Put, 100.0, 100.0, 30.0, 20.0)]
    [TestCase(OptionRight.Call, 0.0, 100.0, 1.0, 0.2)]
    [TestCase(OptionRight.Put, 100.0, 0.0, 1.0, 0.2)]
    public void Evaluate_AtExtremes_StaysFiniteAndWithinNoArbitrageBounds(
        OptionRight right, double spot, double strike, double years, double volatility)
    {
        var contract = new OptionContract(right, spot, strike, years, 0.0, 0.0, volatility);

        OptionGreeks greeks = BlackScholes.Evaluate(contract);

        double[] values = [greeks.Price, greeks.Delta, greeks.Gamma, greeks.Vega, greeks.Theta, greeks.Rho];
        Assert.Multiple(() =>
        {
            Assert.That(values, Has.All.Matches<double>(double.IsFinite));
            Assert.That(greeks.Price, Is.GreaterThanOrEqualTo(Math.Max(right == OptionRight.Call ? spot - strike : strike - spot, 0) - 1e-12));
            Assert.That(greeks.Price, Is.LessThanOrEqualTo((right == OptionRight.Call ? spot : strike) + 1e-12));
            Assert.That(Math.Abs(greeks.Delta), Is.LessThanOrEqualTo(1));
            Assert.That(greeks.Gamma, Is.GreaterThanOrEqualTo(0));
            Assert.That(greeks.Vega, Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public void Evaluate_ShortlyBeforeExpiryAtTheMoney_ApproachesTheExpiryValues()
    {
        OptionGreeks greeks = BlackScholes.Evaluate(new OptionContract(OptionRight.Call, 100, 100, 1e-10, 0.05, 0, 0.2));

        Assert.Multiple(() =>
        {
            Assert.That(greeks.Price, Is.EqualTo(0).Within(1e-3));
            Assert.That(greeks.Delta, Is.EqualTo(0.5).Within(1e-4));
        });
    }
}
