using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Pricing;

/// <summary>Each analytic greek against a central difference of the price, converted to trader units.</summary>
public sealed class GreeksFiniteDifferenceTests
{
    private const double Tolerance = 1e-6;

    [TestCaseSource(typeof(ContractGrid), nameof(ContractGrid.RegularCases))]
    public void Greeks_OverGrid_MatchCentralDifferencesOfThePrice(OptionContract contract)
    {
        OptionGreeks greeks = BlackScholes.Evaluate(contract);
        // Steps scale with the width of the terminal distribution, S·σ·√T, over which the price curves.
        double width = contract.Spot * contract.Volatility * Math.Sqrt(contract.TimeToExpiry);
        double spotStep = 1e-4 * width;
        double up = BlackScholes.Price(contract with { Spot = contract.Spot + spotStep });
        double down = BlackScholes.Price(contract with { Spot = contract.Spot - spotStep });
        double gammaStep = 1e-3 * width;
        double gammaUp = BlackScholes.Price(contract with { Spot = contract.Spot + gammaStep });
        double gammaDown = BlackScholes.Price(contract with { Spot = contract.Spot - gammaStep });

        Assert.Multiple(() =>
        {
            Assert.That(greeks.Price, Is.EqualTo(BlackScholes.Price(contract)));
            AssertClose(greeks.Delta, (up - down) / (2 * spotStep), "delta");
            AssertClose(greeks.Gamma, (gammaUp - 2 * greeks.Price + gammaDown) / (gammaStep * gammaStep), "gamma");
            AssertClose(greeks.Vega, Derivative(contract, (c, h) => c with { Volatility = c.Volatility + h }) / 100, "vega per vol point");
            AssertClose(greeks.Theta, -Derivative(contract, (c, h) => c with { TimeToExpiry = c.TimeToExpiry + h }) / 365, "theta per day");
            AssertClose(greeks.Rho, Derivative(contract, (c, h) => c with { Rate = c.Rate + h }) / 100, "rho per rate point");
        });
    }

    private static double Derivative(OptionContract contract, Func<OptionContract, double, OptionContract> bump)
    {
        const double step = 1e-5;
        return (BlackScholes.Price(bump(contract, step)) - BlackScholes.Price(bump(contract, -step))) / (2 * step);
    }

    private static void AssertClose(double analytic, double numeric, string greek) =>
        Assert.That(analytic, Is.EqualTo(numeric).Within(Tolerance * Math.Max(1.0, Math.Abs(numeric))), greek);
}
