using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Pricing;

/// <summary>Contracts across moneyness, expiry, volatility, rates and dividend yield, calls and puts.</summary>
internal static class ContractGrid
{
    public static IEnumerable<OptionContract> Regular()
    {
        foreach (OptionRight right in Enum.GetValues<OptionRight>())
        {
            foreach (double spot in new[] { 70.0, 95.0, 100.0, 130.0 })
            {
                foreach (double years in new[] { 0.05, 1.0, 3.0 })
                {
                    foreach (double volatility in new[] { 0.1, 0.45 })
                    {
                        foreach ((double rate, double dividendYield) in new[] { (0.0, 0.0), (0.05, 0.0), (0.03, 0.04) })
                        {
                            yield return new OptionContract(right, spot, 100.0, years, rate, dividendYield, volatility);
                        }
                    }
                }
            }
        }
    }

    public static IEnumerable<TestCaseData> RegularCases() =>
        Regular().Select(contract => new TestCaseData(contract).SetArgDisplayNames(contract.ToString()));
}
