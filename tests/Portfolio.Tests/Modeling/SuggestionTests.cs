using System.Net;
using System.Text.Json;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Modeling;

/// <summary>Each suggested trade, added to the session, brings its limit inside; one unit less does not.</summary>
public sealed class SuggestionTests
{
    [Test]
    public async Task Suggestions_BringEachBrokenLimitInside_SizedExactly()
    {
        var market = await ModelingSupport.MarketClosesAsync();
        var a = await ModelingSupport.SeedStockAsync(market, 1.5, 0.004, 100m, 3);
        var b = await ModelingSupport.SeedStockAsync(market, 0.3, 0.02, 50m, 4);
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await owner.AddPositionAsync(portfolio.Id(), a, 1000, 90);
        await owner.AddPositionAsync(portfolio.Id(), b, 400, 45);
        var (sessionId, etag) = await owner.CreateSessionAsync(portfolio.Id());
        (_, etag) = await owner.AddTradeAsync(sessionId, etag, new { symbol = a, quantity = 200 });

        var unconstrained = (await owner.ImpactsAsync(sessionId)).GetProperty("after");
        var limits = new Dictionary<string, object?>
        {
            ["netExposure"] = Math.Round(Math.Abs(unconstrained.GetProperty("exposure").Dec("net")) * 0.6m),
            ["valueAtRisk"] = Math.Round(unconstrained.Dec("valueAtRisk") * 0.7m),
            ["dollarDelta"] = Math.Round(Math.Abs(unconstrained.GetProperty("greeks").Dec("dollarDelta")) * 0.6m),
            ["concentrationPercent"] = Math.Round(unconstrained.GetProperty("largestName").Dec("percentOfGross") - 10m),
        };
        using (var update = await owner.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{portfolio.Id()}", await owner.ETagOfAsync(portfolio.Id()),
            NewPortfolio(p => (p["name"], p["baseCurrency"], p["limits"]) = (portfolio.Str("name"), "USD", limits))))
        {
            await update.ReadJsonAsync();
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var suggestions = (await owner.GetJsonAsync($"/api/v1/modeling/sessions/{sessionId}/suggestions")).GetProperty("suggestions").EnumerateArray().ToList();
        TestContext.Progress.WriteLine($"suggestions for four broken limits: {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.That(suggestions.Select(s => s.Str("limit")), Is.EquivalentTo(new[] { "netExposure", "valueAtRisk", "dollarDelta", "concentration" }));
        Assert.That(suggestions.Select(s => s.GetProperty("trade").Str("symbol")), Is.EqualTo(suggestions.Select(s => s.Str("limit") is "netExposure" or "valueAtRisk" ? "SPY" : a)));
        await AssertEachBringsItsLimitInsideAsync(owner, sessionId, etag, suggestions);
    }

    [Test]
    public async Task DollarDelta_IsAlsoNeutralisedByTheHeldOption_SizedExactly()
    {
        var market = await ModelingSupport.MarketClosesAsync();
        var a = await ModelingSupport.SeedStockAsync(market, 1.0, 0.01, 100m, 5);
        var call = $"{a}270618C00100000";
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await owner.AddPositionAsync(portfolio.Id(), a, 100, 90);
        var (sessionId, etag) = await owner.CreateSessionAsync(portfolio.Id());
        (_, etag) = await owner.AddTradeAsync(sessionId, etag, new { symbol = call, quantity = 20 });
        var delta = (await owner.ImpactsAsync(sessionId)).GetProperty("after").GetProperty("greeks").Dec("dollarDelta");
        using (var update = await owner.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{portfolio.Id()}", await owner.ETagOfAsync(portfolio.Id()),
            NewPortfolio(p => (p["name"], p["baseCurrency"], p["limits"]) = (portfolio.Str("name"), "USD", new Dictionary<string, object?> { ["dollarDelta"] = Math.Round(delta * 0.5m) }))))
        {
            await update.ReadJsonAsync();
        }

        var suggestions = (await owner.GetJsonAsync($"/api/v1/modeling/sessions/{sessionId}/suggestions")).GetProperty("suggestions").EnumerateArray().ToList();

        Assert.That(suggestions.Select(s => (s.Str("limit"), s.GetProperty("trade").Str("symbol"), s.GetProperty("trade").Str("side"))),
            Is.EqualTo(new[] { ("dollarDelta", a, "sell"), ("dollarDelta", $"{a}270618C00100000", "sell") }));
        await AssertEachBringsItsLimitInsideAsync(owner, sessionId, etag, suggestions);
    }

    /// <summary>Adds each suggested trade alone: its limit is inside after, and with one unit less it is not.</summary>
    private static async Task AssertEachBringsItsLimitInsideAsync(HttpClient owner, string sessionId, string etag, List<JsonElement> suggestions)
    {
        foreach (var suggestion in suggestions)
        {
            var limit = suggestion.Str("limit");
            Assert.That(suggestion.GetProperty("bringsInside").GetBoolean(), Is.True, suggestion.ToString());
            Assert.That(suggestion.Str("explanation"), Is.Not.Empty);
            var trade = suggestion.GetProperty("trade");
            Assert.That(trade.Str("side"), Is.EqualTo("sell"), limit);
            var quantity = trade.Dec("quantity");

            var (session, withTrade) = await owner.AddTradeAsync(sessionId, etag, new { symbol = trade.Str("symbol"), side = trade.Str("side"), quantity });
            var tradeId = session.GetProperty("trades").EnumerateArray().Last().Str("id");
            var check = LimitAfter(await owner.ImpactsAsync(sessionId), limit);
            Assert.That(check.GetProperty("breachedAfter").GetBoolean(), Is.False, $"{limit} with the suggested trade: {check}");
            Assert.That(check.Dec("after"), Is.EqualTo(suggestion.Dec("resulting")), limit);

            if (quantity > 1)
            {
                using var less = await owner.SendAsync(HttpMethod.Put, $"/api/v1/modeling/sessions/{sessionId}/trades/{tradeId}", withTrade,
                    new { symbol = trade.Str("symbol"), side = "sell", quantity = quantity - 1 });
                withTrade = less.Headers.ETag!.ToString();
                await less.ReadJsonAsync();
                Assert.That(LimitAfter(await owner.ImpactsAsync(sessionId), limit).GetProperty("breachedAfter").GetBoolean(), Is.True, $"{limit}: one less is not enough");
            }

            using var removed = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/modeling/sessions/{sessionId}/trades/{tradeId}", withTrade);
            etag = removed.Headers.ETag!.ToString();
            await removed.ReadJsonAsync();
        }
    }

    [Test]
    public async Task Suggestions_NameNoTrade_ForGrossExposure_AndRefuseAnOptionAsHedge()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [.. Enumerable.Range(0, 30).Select(i => 50m + i)]);
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync(p =>
            (p["baseCurrency"], p["limits"]) = ("USD", new Dictionary<string, object?> { ["grossExposure"] = 100m }));
        var (sessionId, etag) = await owner.CreateSessionAsync(portfolio.Id());
        await owner.AddTradeAsync(sessionId, etag, new { symbol, quantity = 10 });

        var gross = (await owner.GetJsonAsync($"/api/v1/modeling/sessions/{sessionId}/suggestions")).GetProperty("suggestions").EnumerateArray().Single();
        Assert.That((gross.Str("limit"), gross.GetProperty("trade").ValueKind, gross.GetProperty("bringsInside").GetBoolean()),
            Is.EqualTo(("grossExposure", JsonValueKind.Null, false)));
        using var option = await owner.GetAsync($"/api/v1/modeling/sessions/{sessionId}/suggestions?hedge={Uri.EscapeDataString("SPY   270319C00500000")}");
        await option.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "hedge");
    }

    private static JsonElement LimitAfter(JsonElement impacts, string limit) =>
        impacts.GetProperty("limits").EnumerateArray().Single(l => l.Str("limit") == limit);
}
