using System.Net;
using System.Net.Http.Json;
using MarketData.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.Testing;
using static MarketData.Tests.TestSupport;

namespace MarketData.Tests.Api;

public sealed class AssetApiTests
{
    [Test]
    public async Task Search_ByNameOrSymbolPrefix_TypeAndSector()
    {
        using var client = Factory.Analyst();

        var byName = await client.GetJsonAsync("/api/v1/assets?q=morgan");
        Assert.That(byName.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("symbol").GetString()), Is.EqualTo(new[] { "JPM" }));

        var etfs = await client.GetJsonAsync("/api/v1/assets?type=etf&pageSize=200");
        Assert.That(etfs.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("symbol").GetString()), Is.EquivalentTo(new[] { "IWM", "QQQ", "SPY", "TLT" }));

        var energy = await client.GetJsonAsync("/api/v1/assets?sector=energy");
        Assert.That(energy.GetProperty("totalCount").GetInt64(), Is.EqualTo(2));
        Assert.That(energy.GetProperty("items")[0].GetProperty("industry").GetString(), Is.EqualTo("Oil, Gas & Consumable Fuels"));

        // LIKE wildcards in the text are literal.
        var wildcard = await client.GetJsonAsync("/api/v1/assets?q=%25");
        Assert.That(wildcard.GetProperty("totalCount").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Get_ShowsReferenceDataAndTheSpanOfHistory()
    {
        using var client = Factory.Analyst();
        var aapl = await client.GetJsonAsync("/api/v1/assets/aapl");

        Assert.That(aapl.GetProperty("asset").GetProperty("symbol").GetString(), Is.EqualTo("AAPL"));
        Assert.That(aapl.GetProperty("asset").GetProperty("sector").GetString(), Is.EqualTo("Information Technology"));
        Assert.That(aapl.GetProperty("asset").GetProperty("type").GetString(), Is.EqualTo("equity"));
        Assert.That(aapl.GetProperty("lastBarDate").GetString(), Is.Not.Null);
    }

    [TestCase("/api/v1/assets/ZZZZ", HttpStatusCode.NotFound, "marketdata.unknown_symbol")]
    [TestCase("/api/v1/assets/bad!symbol", HttpStatusCode.BadRequest, "validation_failed")]
    [TestCase("/api/v1/assets?type=bond", HttpStatusCode.BadRequest, "validation_failed")]
    [TestCase("/api/v1/assets?page=2147483647&pageSize=200", HttpStatusCode.BadRequest, "validation_failed")]
    [TestCase("/api/v1/assets?q=a%00b", HttpStatusCode.BadRequest, null)]
    [TestCase("/api/v1/assets?pageSize=abc", HttpStatusCode.BadRequest, null)]
    public async Task BadRequests_AreProblems(string path, HttpStatusCode status, string? code)
    {
        using var client = Factory.Analyst();
        using var response = await client.GetAsync(path);
        await response.AssertProblemAsync(status, code);
    }

    [Test]
    public async Task Track_ByAnAdmin_StartsTrackingAndBackfills_ThenRepeatsAs200()
    {
        await UntrackAsync("WMT");
        using var admin = Factory.Admin();

        using var created = await admin.PostAsJsonAsync("/api/v1/assets", new { symbol = "wmt" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        Assert.That(created.Headers.Location!.ToString(), Is.EqualTo("/api/v1/assets/WMT"));

        using var again = await admin.PostAsJsonAsync("/api/v1/assets", new { symbol = "WMT" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var detail = await Polling.UntilAsync(
            () => admin.GetJsonAsync("/api/v1/assets/WMT"),
            a => a.GetProperty("lastBarDate").ValueKind == System.Text.Json.JsonValueKind.String,
            "WMT's back-fill", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        Assert.That(DateOnly.Parse(detail.GetProperty("firstBarDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Is.LessThan(DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-MarketDataApiFactory.HistoryYears + 1)));
        var quotes = await Polling.UntilAsync(
            async () => { using var r = await admin.GetAsync("/api/v1/market-data/quotes?symbols=WMT"); return r.StatusCode; },
            s => s == HttpStatusCode.OK, "WMT's first quote", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        Assert.That(quotes, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Track_AnUnknownSymbol_Is404_AndNothingIsStored()
    {
        using var admin = Factory.Admin();
        using var response = await admin.PostAsJsonAsync("/api/v1/assets", new { symbol = "NOPE" });
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "marketdata.unknown_symbol");
        Assert.That(await WithDbAsync(db => db.Assets.AnyAsync(a => a.Symbol == "NOPE")), Is.False);
    }

    [Test]
    public async Task Track_RequiresAdminOrTheTrackScope()
    {
        await UntrackAsync("PEP");
        using var analyst = Factory.Analyst();
        using var byAnalyst = await analyst.PostAsJsonAsync("/api/v1/assets", new { symbol = "PEP" });
        Assert.That(byAnalyst.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var reader = Factory.Service("portfolio", "marketdata.read");
        using var byReader = await reader.PostAsJsonAsync("/api/v1/assets", new { symbol = "PEP" });
        Assert.That(byReader.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var deals = Factory.Service("deals", "marketdata.track");
        using var byDeals = await deals.PostAsJsonAsync("/api/v1/assets", new { symbol = "PEP" });
        Assert.That(byDeals.StatusCode, Is.EqualTo(HttpStatusCode.Created), await byDeals.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Reads_AreForSignedInUsers_AndServicesWithTheReadScope()
    {
        using var anonymous = Factory.CreateClient();
        using var noToken = await anonymous.GetAsync("/api/v1/assets");
        Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var other = Factory.Service("loans", "loans.read");
        using var wrongScope = await other.GetAsync("/api/v1/market-data/quotes?symbols=SPY");
        Assert.That(wrongScope.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var portfolio = Factory.Service("portfolio", "marketdata.read");
        using var allowed = await portfolio.GetAsync("/api/v1/market-data/quotes?symbols=SPY");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Track_WithABadBody_IsAProblem()
    {
        using var admin = Factory.Admin();
        using var notJson = await admin.PostAsync("/api/v1/assets", new StringContent("{\"symbol\":", System.Text.Encoding.UTF8, "application/json"));
        await notJson.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var wrongType = await admin.PostAsync("/api/v1/assets", new StringContent("{\"symbol\":42}", System.Text.Encoding.UTF8, "application/json"));
        await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var nul = await admin.PostAsync("/api/v1/assets", new StringContent("{\"symbol\":\"A\\u0000B\"}", System.Text.Encoding.UTF8, "application/json"));
        await nul.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static Task UntrackAsync(string symbol) => WithDbAsync(async db =>
    {
        var ids = await db.Assets.Where(a => a.Symbol == symbol).Select(a => a.Id).ToListAsync();
        await db.Bars.Where(b => ids.Contains(b.AssetId)).ExecuteDeleteAsync();
        await db.Quotes.Where(q => ids.Contains(q.AssetId)).ExecuteDeleteAsync();
        await db.RefreshStates.Where(q => ids.Contains(q.AssetId)).ExecuteDeleteAsync();
        await db.OptionQuotes.Where(q => ids.Contains(q.AssetId)).ExecuteDeleteAsync();
        return await db.Assets.Where(a => a.Symbol == symbol).ExecuteDeleteAsync();
    });
}
