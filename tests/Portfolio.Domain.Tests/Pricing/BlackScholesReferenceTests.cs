using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Pricing;

public sealed class BlackScholesReferenceTests
{
    // Textbook values: the at-the-money example quoted everywhere; Hull, Options, Futures and Other
    // Derivatives, Example 15.6 (S=42) and Example 17.1 (index with dividend yield); Haug, The
    // Complete Guide to Option Pricing Formulas, 1.1.2 (Merton's put with dividend yield); and the
    // zero-rate at-the-money case, where call and put cost S(2N(σ√T/2) − 1).
    [TestCase(OptionRight.Call, 100.0, 100.0, 1.0, 0.05, 0.0, 0.2, 10.4506, 1e-4)]
    [TestCase(OptionRight.Put, 100.0, 100.0, 1.0, 0.05, 0.0, 0.2, 5.5735, 1e-4)]
    [TestCase(OptionRight.Call, 42.0, 40.0, 0.5, 0.10, 0.0, 0.2, 4.76, 5e-3)]
    [TestCase(OptionRight.Put, 42.0, 40.0, 0.5, 0.10, 0.0, 0.2, 0.81, 5e-3)]
    [TestCase(OptionRight.Call, 930.0, 900.0, 2.0 / 12, 0.08, 0.03, 0.2, 51.83, 5e-3)]
    [TestCase(OptionRight.Put, 100.0, 95.0, 0.5, 0.10, 0.05, 0.2, 2.4648, 1e-4)]
    [TestCase(OptionRight.Call, 100.0, 100.0, 1.0, 0.0, 0.0, 0.2, 7.965567455405804, 1e-12)]
    [TestCase(OptionRight.Put, 100.0, 100.0, 1.0, 0.0, 0.0, 0.2, 7.965567455405804, 1e-12)]
    public void Price_OfTextbookExample_MatchesPublishedValue(
        OptionRight right, double spot, double strike, double years, double rate, double dividendYield, double volatility,
        double expected, double tolerance)
    {
        double price = BlackScholes.Price(new OptionContract(right, spot, strike, years, rate, dividendYield, volatility));

        Assert.That(price, Is.EqualTo(expected).Within(tolerance));
    }

    [Test]
    public void Evaluate_AtTheMoneyExample_GivesTextbookGreeksInTraderUnits()
    {
        // Closed forms at S=K=100, r=5%, σ=20%, T=1 (d1 = 0.35): delta N(0.35), gamma φ(0.35)/20,
        // vega 100·φ(0.35)/100, theta (−100·φ(0.35)·0.1 − 5·e^−0.05·N(0.15))/365, rho 100·e^−0.05·N(0.15)/100.
        OptionGreeks greeks = BlackScholes.Evaluate(new OptionContract(OptionRight.Call, 100, 100, 1, 0.05, 0, 0.2));

        Assert.Multiple(() =>
        {
            Assert.That(greeks.Delta, Is.EqualTo(0.636830651).Within(1e-9));
            Assert.That(greeks.Gamma, Is.EqualTo(0.018762017).Within(1e-9));
            Assert.That(greeks.Vega, Is.EqualTo(0.375240347).Within(1e-9));
            Assert.That(greeks.Theta, Is.EqualTo(-6.414027546 / 365).Within(1e-9));
            Assert.That(greeks.Rho, Is.EqualTo(0.532324815).Within(1e-9));
        });
    }

    [TestCaseSource(typeof(ContractGrid), nameof(ContractGrid.RegularCases))]
    public void CallMinusPut_OverGrid_EqualsDiscountedForwardMinusDiscountedStrike(OptionContract contract)
    {
        double call = BlackScholes.Price(contract with { Right = OptionRight.Call });
        double put = BlackScholes.Price(contract with { Right = OptionRight.Put });

        double parity = contract.Spot * Math.Exp(-contract.DividendYield * contract.TimeToExpiry)
            - contract.Strike * Math.Exp(-contract.Rate * contract.TimeToExpiry);
        Assert.That(call - put, Is.EqualTo(parity).Within(1e-11));
    }

    [TestCase(double.NaN, 100.0)]
    [TestCase(-1.0, 100.0)]
    [TestCase(100.0, -5.0)]
    [TestCase(100.0, double.PositiveInfinity)]
    public void Evaluate_WithInvalidSpotOrStrike_Throws(double spot, double strike) =>
        Assert.That(
            () => BlackScholes.Evaluate(new OptionContract(OptionRight.Call, spot, strike, 1, 0.05, 0, 0.2)),
            Throws.TypeOf<ArgumentOutOfRangeException>());
}
