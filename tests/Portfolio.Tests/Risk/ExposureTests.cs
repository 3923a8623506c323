using System.Text.Json;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Risk;

/// <summary>Exposures against a book worked out by hand, with a position in another currency and one without a price.</summary>
public sealed class ExposureTests
{
    [Test]
    public async Task Exposures_MatchTheHandWorkedBook_InTheBaseCurrency()
    {
        var (usd, nok, unpriced) = (MarketSeed.NewSymbol(), MarketSeed.NewSymbol(), MarketSeed.NewSymbol());
        await MarketSeed.SeedAsync(usd, "USD", [48m, 50m]);
        // A currency no other test or process holds, so its stored rate is this test's alone.
        await MarketSeed.SeedAsync(nok, "NOK", [21m, 20m], sector: "Financials");
        await MarketSeed.SeedFxAsync("NOK", "USD", 1.1m);
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await analyst.AddPositionAsync(portfolio.Id(), usd, 100, 40, tags: ["core"]);
        await analyst.AddPositionAsync(portfolio.Id(), nok, -50, 22);
        var missing = await analyst.AddPositionAsync(portfolio.Id(), unpriced, 10, 5);

        var report = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/exposures");

        // 100 × 50 = 5,000 long; −50 × 20 NOK × 1.1 = −1,100 short.
        var total = report.GetProperty("total");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Str("currency"), Is.EqualTo("USD"));
            Assert.That(report.Str("asOf"), Is.EqualTo("2026-12-04"));
            Assert.That(total.Dec("marketValue"), Is.EqualTo(3_900m));
            Assert.That(total.Dec("long"), Is.EqualTo(5_000m));
            Assert.That(total.Dec("short"), Is.EqualTo(-1_100m));
            Assert.That(total.Dec("net"), Is.EqualTo(3_900m));
            Assert.That(total.Dec("gross"), Is.EqualTo(6_100m));
            Assert.That(total.Dec("notional"), Is.EqualTo(6_100m));
            Assert.That(total.GetProperty("positions").GetInt32(), Is.EqualTo(2));
            var largest = report.GetProperty("largestName");
            Assert.That(largest.Str("underlying"), Is.EqualTo(usd));
            Assert.That(largest.Dec("percentOfGross"), Is.EqualTo(81.967213m), "5,000 / 6,100");
            Assert.That(Group(report, "byTag", "core").Dec("gross"), Is.EqualTo(5_000m));
            Assert.That(Group(report, "byTag", "(untagged)").Dec("short"), Is.EqualTo(-1_100m));
            Assert.That(Group(report, "bySector", "Financials").Dec("net"), Is.EqualTo(-1_100m));
            Assert.That(Group(report, "byType", "short").GetProperty("positions").GetInt32(), Is.EqualTo(1));
            Assert.That(report.GetProperty("unpriced").EnumerateArray().Select(u => u.Str("positionId")), Is.EqualTo(new[] { missing.Id() }));
        }
    }

    [Test]
    public async Task Exposures_OfSomeoneElsesPortfolio_AreNotFound_ButARiskManagerReadsThem()
    {
        using var owner = Factory.Analyst(out _);
        using var stranger = Factory.Analyst(out _);
        using var manager = Factory.RiskManager(out _);
        var portfolio = await owner.CreatePortfolioAsync();

        foreach (var path in new[] { "exposures", "greeks", "factors", "performance" })
        {
            using var foreign = await stranger.GetAsync($"/api/v1/portfolios/{portfolio.Id()}/{path}");
            await foreign.AssertProblemAsync(System.Net.HttpStatusCode.NotFound, "portfolio.not_found");
            using var managed = await manager.GetAsync($"/api/v1/portfolios/{portfolio.Id()}/{path}");
            Assert.That(managed.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), path);
        }
    }

    private static JsonElement Group(JsonElement report, string by, string key) =>
        report.GetProperty(by).EnumerateArray().Single(g => g.Str("key") == key).GetProperty("exposure");
}
