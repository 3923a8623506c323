using Portfolio.Domain.Pricing;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Risk;

/// <summary>An option position's greeks in money: the engine's per-unit greeks at the underlying's realised volatility, times contracts × multiplier.</summary>
public sealed class GreeksTests
{
    [Test]
    public async Task LongCall_GreeksAreTheModelsTimesUnits_AtTheRealisedVolatility()
    {
        var underlying = MarketSeed.NewSymbol();
        // Alternating +2% / −1% days: a realised volatility the test computes the same way.
        var returns = Enumerable.Range(0, 63).Select(i => i % 2 == 0 ? 0.02m : -0.01m).ToArray();
        var closes = MarketSeed.FromReturns(50m, returns).Select(c => Math.Round(c, 6)).ToList();
        await MarketSeed.SeedAsync(underlying, "USD", closes);
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        var option = await analyst.AddPositionAsync(portfolio.Id(), $"{underlying}270618C00050000", 2, 4.5m);
        var stock = await analyst.AddPositionAsync(portfolio.Id(), underlying, -150, 52m);

        var report = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/greeks");

        var spot = (double)closes[^1];
        var daily = Enumerable.Range(1, 63).Select(i => ((double)closes[i] / (double)closes[i - 1]) - 1).ToArray();
        var mean = daily.Average();
        var volatility = Math.Sqrt(daily.Sum(r => (r - mean) * (r - mean)) / 62 * 252);
        var years = (new DateOnly(2027, 6, 18).DayNumber - MarketSeed.LastDate.DayNumber) / 365.0;
        var unit = BlackScholes.Evaluate(new OptionContract(OptionRight.Call, spot, 50, years, 0.045, 0, volatility));
        var optionGreeks = report.GetProperty("byPosition").EnumerateArray().Single(p => p.Str("positionId") == option.Id());
        var figures = optionGreeks.GetProperty("greeks");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(option.Str("type"), Is.EqualTo("longCall"));
            Assert.That(option.GetProperty("multiplier").GetDecimal(), Is.EqualTo(100m));
            Assert.That((double)optionGreeks.Dec("volatility"), Is.EqualTo(volatility).Within(1e-6));
            Assert.That((double)figures.Dec("dollarDelta"), Is.EqualTo(200 * unit.Delta * spot).Within(0.006));
            Assert.That((double)figures.Dec("dollarGamma"), Is.EqualTo(200 * unit.Gamma * spot * spot / 100).Within(0.006));
            Assert.That((double)figures.Dec("vega"), Is.EqualTo(200 * unit.Vega).Within(0.006));
            Assert.That((double)figures.Dec("theta"), Is.EqualTo(200 * unit.Theta).Within(0.006));
            // The short stock adds −150 × S of delta and nothing else.
            Assert.That((double)report.GetProperty("total").Dec("dollarDelta"), Is.EqualTo((200 * unit.Delta * spot) - (150 * spot)).Within(0.011));
            Assert.That(report.GetProperty("total").Dec("vega"), Is.EqualTo(figures.Dec("vega")));
            Assert.That(stock.Str("type"), Is.EqualTo("short"));
        }
    }
}
