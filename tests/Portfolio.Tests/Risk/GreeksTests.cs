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
            Assert.That(optionGreeks.Str("volatilitySource"), Is.EqualTo("realised"));
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

    [Test]
    public async Task AnOptionListedInTheLatestChain_IsValuedAtItsImpliedVolatility()
    {
        var underlying = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(underlying, "USD", [.. Enumerable.Range(0, 40).Select(i => 80m + (i % 5))]);
        await Factory.WithDbAsync(async db =>
        {
            db.OptionVolatilities.Add(new Portfolio.Application.Persistence.OptionVolatilityRow
            {
                Underlying = underlying, Expiry = new DateOnly(2027, 3, 19), Strike = 85m, Right = "put", ImpliedVolatility = 0.37m, AsOf = MarketSeed.LastDate,
            });
            return await db.SaveChangesAsync();
        });
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        var listed = await analyst.AddPositionAsync(portfolio.Id(), $"{underlying}270319P00085000", -3, 6m);
        var unlisted = await analyst.AddPositionAsync(portfolio.Id(), $"{underlying}270319P00090000", 1, 8m);

        var report = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/greeks");

        var byId = report.GetProperty("byPosition").EnumerateArray().ToDictionary(p => p.Str("positionId"));
        var years = (new DateOnly(2027, 3, 19).DayNumber - MarketSeed.LastDate.DayNumber) / 365.0;
        var unit = BlackScholes.Evaluate(new OptionContract(OptionRight.Put, 84, 85, years, 0.045, 0, 0.37));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(byId[listed.Id()].Str("volatilitySource"), Is.EqualTo("impliedChain"));
            Assert.That(byId[listed.Id()].Dec("volatility"), Is.EqualTo(0.37m));
            Assert.That((double)byId[listed.Id()].GetProperty("greeks").Dec("vega"), Is.EqualTo(-300 * unit.Vega).Within(0.006));
            Assert.That(byId[unlisted.Id()].Str("volatilitySource"), Is.EqualTo("realised"), "another strike is not in the chain");
        }
    }
}
