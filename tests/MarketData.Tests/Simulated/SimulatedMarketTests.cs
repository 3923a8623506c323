using MarketData.Domain;
using MarketData.Infrastructure.Providers.Simulated;

namespace MarketData.Tests.Simulated;

/// <summary>The simulated market without a database: deterministic, and shaped like a real one.</summary>
public sealed class SimulatedMarketTests
{
    private static readonly DateOnly From = new(2016, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    [Test]
    public void Universe_HasAtLeast60EquitiesAndEtfs_IncludingTheFactorProxies_AndTheMajorFxPairs()
    {
        var profiles = SimulatedUniverse.Profiles;
        Assert.That(profiles.Count(p => p.Reference.Type is AssetType.Equity or AssetType.Etf), Is.GreaterThanOrEqualTo(60));
        Assert.That(profiles.Select(p => p.Reference.Symbol), Is.SupersetOf(new[] { "SPY", "IWM", "IVE", "IVW", "MTUM", "QUAL", "USMV", "TLT", "EURUSD", "GBPUSD", "USDJPY" }));
        Assert.That(profiles.Where(p => p.Reference.Type == AssetType.Equity), Has.All.Matches<SimulatedProfile>(p => p.Reference.Sector != null && p.Reference.Industry != null));
        Assert.That(profiles.Select(p => p.Reference.Symbol), Is.Unique);
    }

    [Test]
    public void Bars_AreTheSameOnEveryCall_AndSound()
    {
        var spy = SimulatedUniverse.Find("SPY")!;
        var first = SimulatedMarket.Bars(spy, From, To);
        var second = SimulatedMarket.Bars(spy, new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 31));

        Assert.That(second, Is.EqualTo(first.Where(b => b.Date.Year == 2020 && b.Date.Month == 3)));
        Assert.That(first.Select(b => b.Defect()), Has.All.Null);
        Assert.That(first.Select(b => b.Date.DayOfWeek), Has.None.EqualTo(DayOfWeek.Saturday).And.None.EqualTo(DayOfWeek.Sunday));
    }

    [Test]
    public void Spy_HasARealisticVolatility_AndFatTails()
    {
        var returns = LogReturns("SPY");
        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1);
        var annualVolatility = Math.Sqrt(variance * 252);
        var kurtosis = returns.Sum(r => Math.Pow(r - mean, 4)) / returns.Count / (variance * variance);

        Assert.That(annualVolatility, Is.InRange(0.12, 0.22));
        // A normal distribution's kurtosis is 3; equity returns' is well above.
        Assert.That(kurtosis, Is.GreaterThan(4.0));
    }

    [Test]
    public void StocksOfOneSector_MoveMoreTogetherThanAcrossSectors_AndBondsAgainstStocks()
    {
        var banks = Correlation(LogReturns("JPM"), LogReturns("BAC"));
        var across = Correlation(LogReturns("JPM"), LogReturns("XOM"));
        var bonds = Correlation(LogReturns("TLT"), LogReturns("SPY"));

        Assert.That(banks, Is.GreaterThan(across + 0.05));
        Assert.That(across, Is.GreaterThan(0.1), "every stock moves with the market");
        Assert.That(bonds, Is.LessThan(0.0));
    }

    [TestCase("EURUSD")]
    [TestCase("GBPUSD")]
    [TestCase("USDJPY")]
    [TestCase("AUDUSD")]
    public void FxRates_WanderButStayInARealisticBand(string pair)
    {
        var profile = SimulatedUniverse.Find(pair)!;
        var closes = SimulatedMarket.Bars(profile, From, To).Select(b => (double)b.Close).ToList();
        Assert.That(closes.Min(), Is.GreaterThan(profile.StartPrice * 0.7));
        Assert.That(closes.Max(), Is.LessThan(profile.StartPrice * 1.4));
    }

    [Test]
    public void NormalCdf_MatchesTables()
    {
        Assert.That(SimulatedOptions.NormalCdf(0), Is.EqualTo(0.5).Within(1e-15));
        Assert.That(SimulatedOptions.NormalCdf(1.959963984540054), Is.EqualTo(0.975).Within(1e-12));
        Assert.That(SimulatedOptions.NormalCdf(-1), Is.EqualTo(0.15865525393145707).Within(1e-12));
        Assert.That(SimulatedOptions.NormalCdf(-8), Is.EqualTo(6.22096057427178e-16).Within(1e-20));
    }

    [Test]
    public void BlackScholes_MatchesHullsTextbookExample()
    {
        // Hull, Options, Futures and Other Derivatives, example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5.
        Assert.That(SimulatedOptions.Price(true, 42, 40, 0.5, 0.2, 0.1), Is.EqualTo(4.76).Within(0.005));
        Assert.That(SimulatedOptions.Price(false, 42, 40, 0.5, 0.2, 0.1), Is.EqualTo(0.81).Within(0.005));
    }

    [Test]
    public void Smile_IsHigherInTheWingsAndOnTheDownside()
    {
        var atm = SimulatedOptions.Smile(0.2, 100, 100, 0.25);
        Assert.That(SimulatedOptions.Smile(0.2, 100, 80, 0.25), Is.GreaterThan(atm));
        Assert.That(SimulatedOptions.Smile(0.2, 100, 80, 0.25), Is.GreaterThan(SimulatedOptions.Smile(0.2, 100, 120, 0.25)));
        Assert.That(atm, Is.EqualTo(0.2).Within(0.005));
    }

    private static List<double> LogReturns(string symbol)
    {
        var closes = SimulatedMarket.Bars(SimulatedUniverse.Find(symbol)!, From, To).Select(b => (double)b.Close).ToList();
        return closes.Zip(closes.Skip(1), (a, b) => Math.Log(b / a)).ToList();
    }

    private static double Correlation(List<double> x, List<double> y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var covariance = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return covariance / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }
}
