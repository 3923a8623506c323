using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// Market data through the gateway, as the console uses it, and its effect on the neighbours: a
/// refresh publishes prices, and an analyst's price rule in alerts fires on them.
/// </summary>
public sealed class MarketDataFlowTests
{
    [Test]
    public async Task Analyst_ReadsQuotesHistoryFxAndOptions_ThroughTheGateway()
    {
        using var analyst = await Platform.SignedInAsync("analyst@platform.local", "Meadow-Copper-2026!");
        await SeedRefreshFinishedAsync();

        var quotes = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/market-data/quotes?symbols=SPY,AAPL"));
        Assert.That(quotes.EnumerateArray().Select(q => q.GetProperty("symbol").GetString()), Is.EqualTo(new[] { "SPY", "AAPL" }));

        var history = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/market-data/history?symbols=SPY,TLT,IWM"));
        Assert.That(history.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("closes").GetArrayLength()), Has.All.GreaterThan(200));

        var fx = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/market-data/fx?base=EUR&quote=USD"));
        Assert.That(fx.GetProperty("rate").GetDecimal(), Is.GreaterThan(0m));

        var chain = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/market-data/SPY/options"));
        Assert.That(chain.GetProperty("contracts").GetArrayLength(), Is.GreaterThan(50));

        var unknown = await analyst.GetAsync("/api/v1/assets/NOPE");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        using var anonymous = Platform.CreateClient();
        Assert.That((await anonymous.GetAsync("/api/v1/market-data/quotes?symbols=SPY")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task APriceRule_FiresWhenARefreshPublishesPrices()
    {
        using var analyst = await Platform.SignedInAsync("analyst@platform.local", "Meadow-Copper-2026!");
        using var admin = await Platform.SignedInAsync("admin@platform.local", "Granite-Ledger-2026!");
        await SeedRefreshFinishedAsync();
        var spy = (await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/market-data/quotes?symbols=SPY")))[0].GetProperty("price").GetDecimal();
        var threshold = decimal.Round(spy / 2, 2);
        var rule = await Platform.OkJsonAsync(
            await analyst.PostAsJsonAsync("/api/v1/alerts/rules", new { kind = "priceAbove", ticker = "SPY", threshold }), HttpStatusCode.Created);

        await RefreshAsync(admin);

        JsonElement alert = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && alert.ValueKind != JsonValueKind.Object)
        {
            var list = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/alerts?category=market&status=all&pageSize=200"));
            alert = list.GetProperty("items").EnumerateArray().FirstOrDefault(a => a.GetProperty("title").GetString() == $"SPY above {threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}");
            await Task.Delay(1000);
        }

        Assert.That(alert.ValueKind, Is.EqualTo(JsonValueKind.Object),
            $"the price rule fired from marketdata's PricesUpdated.\nalerts:\n{Platform.OutputOf("alerts")}\nmarketdata:\n{Platform.OutputOf("marketdata")}");
        await analyst.DeleteAsync($"/api/v1/alerts/rules/{rule.GetProperty("id").GetString()}");
    }

    [Test]
    public async Task ADealsTickers_AreCheckedWithMarketdata_AndItsMarketSpreadFollowsTheRefresh()
    {
        using var analyst = await Platform.SignedInAsync("analyst@platform.local", "Meadow-Copper-2026!");
        using var admin = await Platform.SignedInAsync("admin@platform.local", "Granite-Ledger-2026!");
        await SeedRefreshFinishedAsync();

        // A ticker no provider knows is refused, and nothing is saved.
        var refused = await analyst.PostAsJsonAsync("/api/v1/deals", Deal("NOPEX", "MSFT"));
        var problem = await Platform.OkJsonAsync(refused, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("targetTicker", out _), Is.True, problem.ToString());

        // Known tickers: verified through deals' own client and scope, and tracked by marketdata.
        var deal = await Platform.OkJsonAsync(await analyst.PostAsJsonAsync("/api/v1/deals", Deal("KO", "PEP")), HttpStatusCode.Created);
        Assert.That(deal.GetProperty("tickerUnverified").GetBoolean(), Is.False, deal.ToString());
        Assert.That(deal.GetProperty("targetTickerStatus").GetString(), Is.EqualTo("verified"));
        var id = deal.GetProperty("id").GetString();
        var version = deal.GetProperty("version").GetUInt32();

        await RefreshAsync(admin);

        JsonElement market = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement current = default;
        while (DateTime.UtcNow < deadline && market.ValueKind != JsonValueKind.Object)
        {
            current = await Platform.OkJsonAsync(await analyst.GetAsync($"/api/v1/deals/{id}"));
            market = current.GetProperty("market");
            await Task.Delay(1000);
        }

        Assert.That(market.ValueKind, Is.EqualTo(JsonValueKind.Object), $"the deal's market prices from PricesUpdated.\ndeals:\n{Platform.OutputOf("deals")}");
        var ko = (await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/market-data/quotes?symbols=KO")))[0].GetProperty("price").GetDecimal();
        Assert.That(market.GetProperty("targetPrice").GetDecimal(), Is.EqualTo(ko).Or.GreaterThan(0m));
        // Cash offer: spread = offer - target price.
        Assert.That(market.GetProperty("spread").GetDecimal(), Is.EqualTo(100m - market.GetProperty("targetPrice").GetDecimal()));
        // Market prices are not an edit: same version, still a draft.
        Assert.That(current.GetProperty("version").GetUInt32(), Is.EqualTo(version));
        Assert.That(current.GetProperty("reviewStatus").GetString(), Is.EqualTo("draft"));
    }

    private static object Deal(string target, string acquirer) => new
    {
        name = $"{acquirer} to acquire {target}",
        type = "acquisition",
        targetName = target,
        targetTicker = target,
        acquirerName = acquirer,
        acquirerTicker = acquirer,
        announcedOn = "2026-10-01",
        expectedCloseOn = "2027-06-30",
        currency = "USD",
        consideration = "cash",
        offerPricePerShare = 100m,
    };

    /// <summary>Runs the end-of-day refresh for the last session through the admin API; a run already pending is followed instead, then run again.</summary>
    private static async Task RefreshAsync(HttpClient admin)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var started = await admin.PostAsync("/api/v1/market-data/admin/refresh", JsonContent.Create(new { }));
            var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.Clone();
            if (started.StatusCode == HttpStatusCode.Accepted)
            {
                await JobEndedAsync(admin, body.GetProperty("location").GetString()!);
                return;
            }

            Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body.ToString());
            await JobEndedAsync(admin, $"/api/v1/market-data/admin/jobs/{body.GetProperty("jobId").GetString()}");
        }

        Assert.Fail("could not start a refresh");
    }

    private static async Task JobEndedAsync(HttpClient admin, string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var job = await Platform.OkJsonAsync(await admin.GetAsync(location));
            if (job.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"), job.ToString());
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{location} did not end within 90 s");
    }

    // A fresh test database back-fills the universe at start-up; quotes exist once that run ends.
    private static async Task SeedRefreshFinishedAsync()
    {
        using var admin = await Platform.SignedInAsync("admin@platform.local", "Granite-Ledger-2026!");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var jobs = await Platform.OkJsonAsync(await admin.GetAsync("/api/v1/market-data/admin/jobs?type=market-data-refresh"));
            var items = jobs.GetProperty("items");
            if (items.GetArrayLength() > 0 && items.EnumerateArray().All(j => j.GetProperty("status").GetString() is not ("queued" or "running")))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("the seed refresh did not end within 120 s");
    }
}
