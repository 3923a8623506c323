using System.Net;
using System.Text.Json;
using Portfolio.Domain.IndexStrategies;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.IndexStrategies.IndexStrategySupport;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.IndexStrategies;

/// <summary>Simulations through the API on seeded closes and FX: the same figures as the engine fed by hand, validation, and the cache.</summary>
public sealed class IndexSimulationTests
{
    private const int Days = 30;

    [Test]
    public async Task Simulate_ThreeNamesInThreeCurrencies_MatchesTheEngineFedTheSameDays()
    {
        // A in SGD (the simulation's currency), B in CHF (stored CHF→SGD, 1.10 then 1.20 from 16 Nov), C in DKK (stored SGD→DKK 5, so 0.2 SGD).
        var dates = MarketSeed.WeekdaysEndingOn(MarketSeed.LastDate, Days);
        var a = Enumerable.Range(0, Days).Select(i => Math.Round(100m * (decimal)Math.Pow(1.01, i), 4)).ToList();
        var b = Enumerable.Range(0, Days).Select(i => 50m + (i % 3)).ToList();
        var c = Enumerable.Range(0, Days).Select(i => Math.Round(200m * (decimal)Math.Pow(0.995, i), 4)).ToList();
        var symbols = await SeedBasketAsync(("SGD", a), ("CHF", b), ("DKK", c));
        var switchDate = new DateOnly(2026, 11, 16);
        await SeedFxAsync("CHF", "SGD", dates[0], 1.10m);
        await SeedFxAsync("CHF", "SGD", switchDate, 1.20m);
        await SeedFxAsync("SGD", "DKK", dates[0].AddDays(-3), 5m);
        using var owner = Factory.Analyst(out _);
        var (strategy, _) = await owner.CreateStrategyAsync(symbols, d => d["maxTurnover"] = 0.01m);

        var result = await owner.SimulateOkAsync(strategy.Id(), new { amount = 1_000_000m, startDate = dates[0], currency = "SGD" });

        var riskFree = (double)result.GetProperty("assumptions").GetProperty("riskFreeRate").GetDecimal();
        var engine = new IndexSimulator(new IndexRules(IndexWeighting.EqualWeight, 63, 1, 0.01), 3, 1_000_000, dates[0]);
        for (var i = 0; i < Days; i++)
        {
            engine.Advance(dates[i], [(double)a[i], (double)b[i], (double)c[i]], [1, dates[i] < switchDate ? 1.10 : 1.20, 1 / 5.0]);
        }

        var expected = engine.Finish(riskFree);
        var path = result.GetProperty("path").EnumerateArray().ToList();
        Assert.That(path.Select(p => p.GetProperty("date").GetString()), Is.EqualTo(expected.Path.Select(p => p.Date.ToString("yyyy-MM-dd"))));
        Assert.That(path.Select(p => p.GetProperty("value").GetDecimal()),
            Is.EqualTo(expected.Path.Select(p => Math.Round((decimal)p.Value, 2, MidpointRounding.AwayFromZero))));
        var rebalances = result.GetProperty("rebalances").EnumerateArray().ToList();
        Assert.That(rebalances.Select(r => r.GetProperty("date").GetString()), Is.EqualTo(new[] { "2026-10-26", "2026-11-02", "2026-12-01" }));
        for (var r = 0; r < rebalances.Count; r++)
        {
            var allocations = rebalances[r].GetProperty("allocations").EnumerateArray().ToList();
            Assert.That(allocations.Select(x => x.Str("symbol")), Is.EqualTo(symbols));
            Assert.That(allocations.Select(x => (double)x.Dec("weight")), Is.EqualTo(expected.Rebalances[r].Weights).Within(1e-6));
            Assert.That((double)rebalances[r].Dec("turnover"), Is.EqualTo(expected.Rebalances[r].Turnover).Within(1e-6));
        }

        Assert.That(rebalances[1].GetProperty("turnoverLimited").GetBoolean(), Is.True, "the 1% limit binds: the first week needs ½(0.0095 + 0.0059 + 0.0153) = 1.5%");
        var stats = result.GetProperty("statistics");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stats.GetProperty("tradingDays").GetInt32(), Is.EqualTo(Days));
            Assert.That((double)stats.Dec("totalReturn"), Is.EqualTo(expected.Statistics.TotalReturn).Within(1e-6));
            Assert.That((double)stats.Dec("annualisedReturn"), Is.EqualTo(expected.Statistics.AnnualisedReturn).Within(1e-6));
            Assert.That((double)stats.Dec("annualisedVolatility"), Is.EqualTo(expected.Statistics.AnnualisedVolatility).Within(1e-6));
            Assert.That((double)stats.Dec("sharpe"), Is.EqualTo(expected.Statistics.Sharpe).Within(1e-6));
            Assert.That((double)stats.Dec("maxDrawdown"), Is.EqualTo(expected.Statistics.Drawdown.MaxDrawdown).Within(1e-6));
            Assert.That(stats.GetProperty("drawdownTroughDate").GetString(), Is.EqualTo(expected.Statistics.Drawdown.TroughDate?.ToString("yyyy-MM-dd")));
            Assert.That(result.GetProperty("assumptions").GetProperty("fx").EnumerateArray().Select(f => f.Str("currency")), Is.EqualTo(new[] { "CHF", "DKK" }));
        }
    }

    [Test]
    public async Task Simulate_InvalidInputs_AreRefusedNamingTheProblem()
    {
        var dates = MarketSeed.WeekdaysEndingOn(MarketSeed.LastDate, 10);
        var symbols = await SeedBasketAsync(("USD", Enumerable.Repeat(10m, 10).ToList()), ("CHF", Enumerable.Repeat(20m, 5).ToList()));
        using var owner = Factory.Analyst(out _);
        var (strategy, _) = await owner.CreateStrategyAsync(symbols);
        var id = strategy.Id();

        foreach (var amount in new[] { 0m, -5m, 1e13m })
        {
            using var response = await owner.SimulateAsync(id, new { amount, startDate = dates[5], currency = "USD" });
            await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "amount");
        }

        using var unknownCurrency = await owner.SimulateAsync(id, new { amount = 100, startDate = dates[5], currency = "XYZ" });
        using var lowerCase = await owner.SimulateAsync(id, new { amount = 100, startDate = dates[5], currency = "usd" });
        using var noStart = await owner.SimulateAsync(id, new { amount = 100, currency = "USD" });
        using var beforeData = await owner.SimulateAsync(id, new { amount = 100, startDate = dates[2], currency = "USD" });
        using var afterData = await owner.SimulateAsync(id, new { amount = 100, startDate = "2027-01-04", currency = "USD" });
        using var noFx = await owner.SimulateAsync(id, new { amount = 100, startDate = dates[5], currency = "ISK" });
        await unknownCurrency.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "currency");
        await lowerCase.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "currency");
        await noStart.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "startDate");
        var before = await beforeData.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "index_strategy.start_before_data");
        Assert.That(before.Str("firstAvailableDate"), Is.EqualTo(dates[5].ToString("yyyy-MM-dd")), "the date on which every symbol has a close");
        Assert.That(before.Str("detail"), Does.Contain(dates[5].ToString("yyyy-MM-dd")));
        await afterData.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "index_strategy.start_after_data");
        var fx = await noFx.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "index_strategy.fx_unavailable");
        Assert.That(fx.Str("detail"), Does.Contain("CHF/ISK").And.Contain("USD/ISK"));
    }

    [Test]
    public async Task Simulate_BasketWithoutStoredCloses_WhileMarketdataIsDown_Is503NamingTheSymbols()
    {
        var symbols = await SeedBasketAsync(("USD", [10m, 11m]));
        var bare = MarketSeed.NewSymbol();
        await AddInstrumentWithoutClosesAsync(bare);
        using var owner = Factory.Analyst(out _);
        var (strategy, _) = await owner.CreateStrategyAsync([symbols[0], bare]);

        using var response = await owner.SimulateAsync(strategy.Id(), new { amount = 100, startDate = "2026-12-03", currency = "USD" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "index_strategy.history_unavailable");
        Assert.That(problem.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { bare }));
    }

    [Test]
    public async Task Simulate_SameInputsTwice_IsServedFromTheCache_AndAChangedDefinitionGivesAFreshResult()
    {
        var dates = MarketSeed.WeekdaysEndingOn(MarketSeed.LastDate, Days);
        var symbols = await SeedBasketAsync(
            ("USD", [.. Enumerable.Range(0, Days).Select(i => 100m + (2 * i))]),
            ("USD", [.. Enumerable.Range(0, Days).Select(i => 100m - i)]));
        using var owner = Factory.Analyst(out _);
        var (strategy, etag) = await owner.CreateStrategyAsync(symbols, d => d["maxTurnover"] = 0.01m);
        var body = new { amount = 5000m, startDate = dates[0], currency = "USD" };

        var first = await owner.SimulateOkAsync(strategy.Id(), body);
        var second = await owner.SimulateOkAsync(strategy.Id(), body);
        var otherAmount = await owner.SimulateOkAsync(strategy.Id(), new { amount = 6000m, startDate = dates[0], currency = "USD" });
        using var changed = await owner.SendAsync(HttpMethod.Put, $"/api/v1/index-strategies/{strategy.Id()}", etag,
            NewDefinition(symbols, d => (d["name"], d["maxTurnover"]) = (strategy.Str("name"), 1m)));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var afterChange = await owner.SimulateOkAsync(strategy.Id(), body);

        Assert.That(second.Str("computedAt"), Is.EqualTo(first.Str("computedAt")), "the second answer is the cached first");
        Assert.That(JsonSerializer.Serialize(second.GetProperty("path")), Is.EqualTo(JsonSerializer.Serialize(first.GetProperty("path"))));
        Assert.That(otherAmount.Str("computedAt"), Is.Not.EqualTo(first.Str("computedAt")), "other inputs, another key");
        Assert.That(afterChange.Str("computedAt"), Is.Not.EqualTo(first.Str("computedAt")), "a new version, a fresh computation");
        Assert.That(afterChange.GetProperty("rebalances")[1].Dec("turnover"), Is.GreaterThan(first.GetProperty("rebalances")[1].Dec("turnover")),
            "without the 1% limit the rebalance trades all the way back to equal weights");
    }
}
