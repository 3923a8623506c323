using System.Net;
using System.Text.Json;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Modeling;

/// <summary>A session's "before" is the portfolio's own recorded calculation; its "after" is the calculation of a copy with the trades booked.</summary>
public sealed class ImpactTests
{
    private static readonly string[] Figures = ["exposure", "largestName", "greeks", "limits"];

    [Test]
    public async Task Impacts_EqualADirectRecalculation_OfTheBookWithTheTradesBooked()
    {
        var market = await ModelingSupport.MarketClosesAsync();
        var a = await ModelingSupport.SeedStockAsync(market, 1.2, 0.01, 100m, 1);
        var b = await ModelingSupport.SeedStockAsync(market, 0.6, 0.02, 40m, 2);
        var call = $"{a}270618C00100000";
        using var owner = Factory.Analyst(out _);
        Action<Dictionary<string, object?>> usd = p => (p["baseCurrency"], p["limits"]) =
            ("USD", new Dictionary<string, object?> { ["grossExposure"] = 20_000m, ["valueAtRisk"] = 500m, ["dollarDelta"] = 15_000m, ["concentrationPercent"] = 60m });
        var original = await owner.CreatePortfolioAsync(usd);
        var copy = await owner.CreatePortfolioAsync(usd);
        foreach (var id in new[] { original.Id(), copy.Id() })
        {
            await owner.AddPositionAsync(id, a, 100, 95);
        }

        var (sessionId, etag) = await owner.CreateSessionAsync(original.Id());
        (_, etag) = await owner.AddTradeAsync(sessionId, etag, new { symbol = b, quantity = 150 });
        (_, etag) = await owner.AddTradeAsync(sessionId, etag, new { symbol = a, side = "sell", quantity = 30, price = 99m });
        await owner.AddTradeAsync(sessionId, etag, new { symbol = call, quantity = 4 });
        await owner.AddPositionAsync(copy.Id(), b, 150, 40);
        await owner.AddPositionAsync(copy.Id(), a, -30, 99);
        await owner.AddPositionAsync(copy.Id(), call, 4, 5);

        // The test database's market data is shared: the end-to-end suite's portfolio process syncs the real factor
        // proxies into it while this runs, and a close written between the impacts and the calculations would move
        // one side only. Compare a round in which the impacts read the same before and after the calculations.
        JsonElement impacts = default, before = default, after = default;
        for (var round = 0; round < 5; round++)
        {
            impacts = await owner.ImpactsAsync(sessionId);
            before = await owner.CalculateAsync(original.Id());
            after = await owner.CalculateAsync(copy.Id());
            var again = await owner.ImpactsAsync(sessionId);
            if (FiguresOf(again) == FiguresOf(impacts))
            {
                break;
            }
        }

        using (Assert.EnterMultipleScope())
        {
            foreach (var figure in Figures)
            {
                Assert.That(impacts.GetProperty("before").GetProperty(figure).GetRawText(), Is.EqualTo(before.GetProperty(figure).GetRawText()), $"before {figure}");
                Assert.That(impacts.GetProperty("after").GetProperty(figure).GetRawText(), Is.EqualTo(after.GetProperty(figure).GetRawText()), $"after {figure}");
            }

            // VaR, expected shortfall, delta-normal VaR, statistics, beta to the market and factor betas: the whole of it.
            Assert.That(impacts.GetProperty("before").GetProperty("risk").GetRawText(), Is.EqualTo(before.GetProperty("risk").GetRawText()));
            Assert.That(impacts.GetProperty("after").GetProperty("risk").GetRawText(), Is.EqualTo(after.GetProperty("risk").GetRawText()));
            Assert.That(impacts.GetProperty("after").Dec("valueAtRisk"), Is.EqualTo(after.Tail("historical", 0.99m, 1).Dec("valueAtRisk")));
            Assert.That(impacts.GetProperty("after").GetProperty("risk").GetProperty("betaToMarket").ValueKind, Is.EqualTo(JsonValueKind.Number), "SPY is seeded: a beta");
            Assert.That(impacts.GetProperty("change").Dec("gross"),
                Is.EqualTo(after.GetProperty("exposure").Dec("gross") - before.GetProperty("exposure").Dec("gross")));
            Assert.That(impacts.GetProperty("change").Dec("dollarDelta"),
                Is.EqualTo(after.GetProperty("greeks").Dec("dollarDelta") - before.GetProperty("greeks").Dec("dollarDelta")));
            Assert.That(impacts.GetProperty("change").Dec("valueAtRisk"),
                Is.EqualTo(after.Tail("historical", 0.99m, 1).Dec("valueAtRisk") - before.Tail("historical", 0.99m, 1).Dec("valueAtRisk")));
            var gross = impacts.GetProperty("limits").EnumerateArray().Single(l => l.Str("limit") == "grossExposure");
            Assert.That(gross.Dec("headroomAfter"), Is.EqualTo(20_000m - after.GetProperty("exposure").Dec("gross")));
            Assert.That(impacts.GetProperty("trades").EnumerateArray().All(t => t.GetProperty("priced").GetBoolean()), Is.True);
        }

        // What a client waits for: a warm impacts request on this book (one stored position and three trades, 300 days of history).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            await owner.ImpactsAsync(sessionId);
        }

        TestContext.Progress.WriteLine($"impacts: {watch.Elapsed.TotalMilliseconds / 10:F1} ms per request (mean of 10, warm)");
    }

    [Test]
    public async Task Impacts_OfAnEmptyPortfolio_StartFromZero()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [.. Enumerable.Range(0, 30).Select(i => 50m + i)]);
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        var (sessionId, etag) = await owner.CreateSessionAsync(portfolio.Id());
        await owner.AddTradeAsync(sessionId, etag, new { symbol, quantity = 10 });

        var impacts = await owner.ImpactsAsync(sessionId);

        Assert.That(impacts.GetProperty("before").GetProperty("risk").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(impacts.GetProperty("before").GetProperty("exposure").Dec("gross"), Is.Zero);
        Assert.That(impacts.GetProperty("after").GetProperty("exposure").Dec("gross"), Is.EqualTo(10 * 79m));
        Assert.That(impacts.GetProperty("change").Dec("net"), Is.EqualTo(10 * 79m));
    }

    // Everything but the calculation time, which differs on every call.
    private static string FiguresOf(JsonElement impacts) =>
        impacts.GetProperty("before").GetRawText() + impacts.GetProperty("after").GetRawText() + impacts.GetProperty("change").GetRawText();
}
