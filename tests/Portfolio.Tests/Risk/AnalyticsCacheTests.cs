using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Risk;

/// <summary>
/// Exposures and greeks are served from each replica's cache while the book is unchanged: every change
/// that moves a figure (a price written by anyone, a position, a tag renamed by raw SQL) must show at once.
/// </summary>
public sealed class AnalyticsCacheTests
{
    [Test]
    public async Task Exposures_AfterAPriceIsWrittenStraightToTheDatabase_AreRevalued()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [48m, 50m]);
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await analyst.AddPositionAsync(portfolio.Id(), symbol, 100, 40);
        var before = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/exposures");

        await WriteCloseAsync(symbol, 60m);

        var after = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/exposures");
        Assert.That(before.GetProperty("total").Dec("marketValue"), Is.EqualTo(5_000m));
        Assert.That(after.GetProperty("total").Dec("marketValue"), Is.EqualTo(6_000m), "100 × the new close of 60");
    }

    [Test]
    public async Task MarketVersion_MovesOnlyWhenAStatementChangesRows()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [48m, 50m]);

        var (start, unchanged, changed) = await Factory.WithDbAsync(async db =>
        {
            // Holding the version row's lock keeps every other writer's bump out until the rollback,
            // so the steps below are this test's alone even with other suites writing prices.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM portfolio.market_versions WHERE id = 1 FOR UPDATE");
            var start = await VersionAsync(db);
            await WriteCloseAsync(db, symbol, 50m); // the same close again: the upsert's WHERE skips the row
            var unchanged = await VersionAsync(db);
            await WriteCloseAsync(db, symbol, 51m);
            var changed = await VersionAsync(db);
            await transaction.RollbackAsync();
            return (start, unchanged, changed);
        });

        Assert.That(unchanged, Is.EqualTo(start));
        Assert.That(changed, Is.EqualTo(start + 1));
    }

    [Test]
    public async Task Exposures_AfterATagRename_GroupUnderTheNewName()
    {
        using var analyst = Factory.Analyst(out _);
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [10m, 11m]);
        var tagName = "t" + Guid.NewGuid().ToString("N")[..8];
        using var created = await analyst.PostAsJsonAsync("/api/v1/tags", new { name = tagName });
        var tag = await created.ReadJsonAsync();
        var portfolio = await analyst.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await analyst.AddPositionAsync(portfolio.Id(), symbol, 10, 10, tags: [tagName]);
        var before = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/exposures");

        using var renamed = await analyst.PutAsJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = tagName + "x" });
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var after = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/exposures");
        Assert.That(TagKeys(before), Does.Contain(tagName));
        Assert.That(TagKeys(after), Does.Contain(tagName + "x").And.Not.Contain(tagName));
    }

    [Test]
    public async Task Exposures_CarryAnETag_ThatAnswers304UntilTheBookChanges()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [20m, 21m]);
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await analyst.AddPositionAsync(portfolio.Id(), symbol, 5, 20);
        var path = $"/api/v1/portfolios/{portfolio.Id()}/exposures";

        using var first = await analyst.GetAsync(path);
        var etag = first.Headers.ETag;
        Assert.That(etag, Is.Not.Null);
        using var again = await GetIfNoneMatchAsync(analyst, path, etag!.Tag);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        await analyst.AddPositionAsync(portfolio.Id(), symbol, 1, 21);

        using var changed = await GetIfNoneMatchAsync(analyst, path, etag.Tag);
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(changed.Headers.ETag!.Tag, Is.Not.EqualTo(etag.Tag));
        var report = await changed.ReadJsonAsync();
        Assert.That(report.GetProperty("total").Dec("marketValue"), Is.EqualTo(126m), "6 × 21");
    }

    [Test]
    public async Task Greeks_AfterAPositionIsRemoved_LeaveItOut()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [30m, 31m]);
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await analyst.AddPositionAsync(portfolio.Id(), symbol, 10, 30);
        var second = await analyst.AddPositionAsync(portfolio.Id(), symbol, 5, 30);
        var before = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/greeks");

        using var deleted = await analyst.DeleteAsync($"/api/v1/positions/{second.Id()}"); // If-Match is optional here
        Assert.That(deleted.IsSuccessStatusCode, Is.True, deleted.StatusCode.ToString());

        var after = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/greeks");
        Assert.That(before.GetProperty("total").Dec("dollarDelta"), Is.EqualTo(465m), "15 × 31");
        Assert.That(after.GetProperty("total").Dec("dollarDelta"), Is.EqualTo(310m), "10 × 31");
    }

    private static Task WriteCloseAsync(string symbol, decimal close) => Factory.WithDbAsync(db => WriteCloseAsync(db, symbol, close));

    private static Task<int> WriteCloseAsync(PortfolioDb db, string symbol, decimal close) =>
        db.UpsertAsync(
            [new ClosePriceRow { Symbol = symbol, Date = MarketSeed.LastDate, Close = close, AdjustedClose = close, Currency = "USD", UpdatedAt = DateTimeOffset.UtcNow }],
            CancellationToken.None);

    private static Task<long> VersionAsync(PortfolioDb db) =>
        db.Set<MarketVersionRow>().AsNoTracking().Where(v => v.Id == 1).Select(v => v.Version).SingleAsync();

    private static async Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, string path, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await client.SendAsync(request);
    }

    private static IEnumerable<string> TagKeys(JsonElement report) => report.GetProperty("byTag").EnumerateArray().Select(g => g.Str("key"));
}
