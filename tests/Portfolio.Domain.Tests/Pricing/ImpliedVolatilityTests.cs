using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Pricing;

public sealed class ImpliedVolatilityTests
{
    private const double Spot = 100.0;
    private const double Rate = 0.03;
    private const double DividendYield = 0.01;

    public static IEnumerable<TestCaseData> RoundTripCases()
    {
        foreach (OptionRight right in Enum.GetValues<OptionRight>())
        {
            foreach (double volatility in new[] { 0.05, 0.1, 0.2, 0.4, 0.8, 1.2, 2.0 })
            {
                foreach (double moneyness in new[] { 0.5, 0.8, 1.0, 1.25, 2.0 })
                {
                    foreach (double years in new[] { 7.0 / 365, 0.25, 1.0, 5.0 })
                    {
                        yield return new TestCaseData(right, volatility, moneyness, years);
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(RoundTripCases))]
    public void Solve_PriceOfKnownVolatility_ReturnsThatVolatility(OptionRight right, double volatility, double moneyness, double years)
    {
        var contract = new OptionContract(right, Spot, Spot * moneyness, years, Rate, DividendYield, volatility);
        OptionGreeks greeks = BlackScholes.Evaluate(contract);

        double? solved = ImpliedVolatility.Solve(right, Spot, contract.Strike, years, Rate, DividendYield, greeks.Price);

        Assert.That(solved, Is.Not.Null);
        // Far out of the money at short expiry the price hardly depends on volatility (it can be
        // 1e-40); there the solver must still return a volatility that reproduces the price.
        if (greeks.Vega * 100 > 1e-3)
        {
            Assert.That(solved!.Value, Is.EqualTo(volatility).Within(1e-7 * Math.Max(1, volatility)));
        }
        else
        {
            Assert.That(BlackScholes.Price(contract with { Volatility = solved!.Value }), Is.EqualTo(greeks.Price).Within(1e-10));
        }
    }

    [Test]
    public void Solve_CallBelowDiscountedIntrinsic_ReturnsNull()
    {
        double intrinsic = 120 * Math.Exp(-0.01) - 100 * Math.Exp(-0.05);

        Assert.That(ImpliedVolatility.Solve(OptionRight.Call, 120, 100, 1, 0.05, 0.01, intrinsic - 0.01), Is.Null);
    }

    [Test]
    public void Solve_PutBelowDiscountedIntrinsic_ReturnsNull()
    {
        double intrinsic = 100 * Math.Exp(-0.05) - 80;

        Assert.That(ImpliedVolatility.Solve(OptionRight.Put, 80, 100, 1, 0.05, 0, intrinsic - 0.01), Is.Null);
    }

    [TestCase(OptionRight.Call, 100.0)]
    [TestCase(OptionRight.Put, 96.0)]
    public void Solve_PriceAtOrAboveUpperBound_ReturnsNull(OptionRight right, double price) =>
        Assert.That(ImpliedVolatility.Solve(right, 100, 100, 1, 0.05, 0, price), Is.Null);

    [TestCase(0.0)]
    [TestCase(-0.5)]
    public void Solve_AtOrAfterExpiry_ReturnsNull(double years) =>
        Assert.That(ImpliedVolatility.Solve(OptionRight.Call, 100, 100, years, 0.05, 0, 5), Is.Null);

    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Solve_NegativeOrMissingPrice_ReturnsNull(double price) =>
        Assert.That(ImpliedVolatility.Solve(OptionRight.Call, 100, 100, 1, 0.05, 0, price), Is.Null);

    [Test]
    public void Solve_PriceAboveWhatFiveHundredPercentVolatilityGives_ReturnsNull()
    {
        double atMaximum = BlackScholes.Price(new OptionContract(OptionRight.Call, 100, 100, 0.1, 0, 0, 5.0));

        Assert.That(ImpliedVolatility.Solve(OptionRight.Call, 100, 100, 0.1, 0, 0, atMaximum + 1), Is.Null);
    }
}
