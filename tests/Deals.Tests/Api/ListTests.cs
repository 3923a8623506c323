using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class ListTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    private static string NewTicker() => "L" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();

    private static async Task<JsonElement> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync("/api/v1/deals?" + query)).ReadJsonAsync();

    private static List<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToList();

    [Test]
    public async Task Filters_Combine_AndTheResponseIsPaged()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        await analyst.CreateDealAsync(d => { d["targetTicker"] = ticker; d["name"] = "A usd"; });
        await analyst.CreateDealAsync(d => { d["targetTicker"] = ticker; d["name"] = "B eur"; d["currency"] = "EUR"; });
        await analyst.CreateDealAsync(d => { d["targetTicker"] = ticker; d["name"] = "C usd big"; d["dealValue"] = 9_000_000_000m; });

        var usd = await ListAsync(analyst, $"ticker={ticker}&currency=usd&sort=name");
        Assert.That(Names(usd), Is.EqualTo(new[] { "A usd", "C usd big" }));
        Assert.That(usd.GetProperty("totalCount").GetInt64(), Is.EqualTo(2));

        var big = await ListAsync(analyst, $"ticker={ticker}&minValue=5000000000");
        Assert.That(Names(big), Is.EqualTo(new[] { "C usd big" }));

        var paged = await ListAsync(analyst, $"ticker={ticker}&sort=-name&page=2&pageSize=2");
        Assert.Multiple(() =>
        {
            Assert.That(Names(paged), Is.EqualTo(new[] { "A usd" }));
            Assert.That(paged.GetProperty("page").GetInt32(), Is.EqualTo(2));
            Assert.That(paged.GetProperty("pageSize").GetInt32(), Is.EqualTo(2));
            Assert.That(paged.GetProperty("totalCount").GetInt64(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task TotalCount_FollowsEveryWrite_EvenWhenTheSameListWasJustCounted()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        async Task<long> TotalAsync() => (await ListAsync(analyst, $"ticker={ticker}")).GetProperty("totalCount").GetInt64();

        Assert.That(await TotalAsync(), Is.Zero);
        var deal = await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);
        Assert.That(await TotalAsync(), Is.EqualTo(1));
        await analyst.CreateDealAsync(d => d["acquirerTicker"] = ticker);
        Assert.That(await TotalAsync(), Is.EqualTo(2));
        await analyst.DeleteAsync($"/api/v1/deals/{deal.Id()}");
        Assert.That(await TotalAsync(), Is.EqualTo(1));
    }

    [TestCase("-updatedAt")]
    [TestCase("name")]
    [TestCase("-announcedOn")]
    [TestCase("targetName")]
    public async Task Cursor_WalksTheSameRowsAsPages_WithoutGapsOrRepeats(string sort)
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        for (var i = 0; i < 7; i++)
        {
            // Equal names and dates on purpose: the id must break the ties.
            await analyst.CreateDealAsync(d => { d["targetTicker"] = ticker; d["name"] = $"Deal {i % 3}"; d["announcedOn"] = $"2026-01-0{1 + (i % 2)}"; });
        }

        var byPages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            byPages.AddRange((await ListAsync(analyst, $"ticker={ticker}&sort={sort}&pageSize=3&page={page}")).GetProperty("items").EnumerateArray().Select(d => d.Id()));
        }

        var byCursor = new List<string>();
        var first = await ListAsync(analyst, $"ticker={ticker}&sort={sort}&pageSize=3");
        byCursor.AddRange(first.GetProperty("items").EnumerateArray().Select(d => d.Id()));
        var cursor = first.GetProperty("nextCursor").GetString();
        while (cursor is not null)
        {
            var next = await ListAsync(analyst, $"ticker={ticker}&sort={sort}&pageSize=3&cursor={cursor}");
            byCursor.AddRange(next.GetProperty("items").EnumerateArray().Select(d => d.Id()));
            Assert.That(next.GetProperty("totalCount").GetInt64(), Is.EqualTo(7));
            cursor = next.TryGetProperty("nextCursor", out var more) ? more.GetString() : null;
        }

        Assert.That(byCursor, Is.EqualTo(byPages));
        Assert.That(byCursor, Is.Unique.And.Count.EqualTo(7));
    }

    [Test]
    public async Task Cursor_OfAnotherSort_OrTampered_Is400()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);
        await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);
        var cursor = (await ListAsync(analyst, $"ticker={ticker}&pageSize=1")).GetProperty("nextCursor").GetString();

        foreach (var query in new[] { $"sort=name&cursor={cursor}", "cursor=not-a-cursor", $"page=2&cursor={cursor}" })
        {
            var problem = await (await analyst.GetAsync($"/api/v1/deals?ticker={ticker}&" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.That(problem.GetProperty("errors").TryGetProperty("cursor", out _), Is.True, query);
        }
    }

    [Test]
    public async Task NullableSorts_PageByOffsetOnly()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);
        await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);
        var page = await ListAsync(analyst, $"ticker={ticker}&pageSize=1&sort=-dealValue");
        Assert.That(page.TryGetProperty("nextCursor", out _), Is.False);
    }

    [Test]
    public async Task ReviewStatusAndStageFilters_AcceptTheJsonSpelling()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        var deal = await analyst.CreateDealAsync(d => { d["targetTicker"] = ticker; d["stage"] = "pendingRegulatory"; });
        await analyst.PostAsync($"/api/v1/deals/{deal.Id()}/submit", null);
        await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);

        var pending = await ListAsync(analyst, $"ticker={ticker}&reviewStatus=pendingReview&stage=pendingRegulatory");
        Assert.That(pending.GetProperty("items").EnumerateArray().Single().Id(), Is.EqualTo(deal.Id()));
    }

    [Test]
    public async Task FreeText_MatchesWordPrefixesOfNameAndParties()
    {
        using var analyst = Api.Analyst(out _);
        var word = "Zyx" + Guid.NewGuid().ToString("N")[..5];
        var deal = await analyst.CreateDealAsync(d => d["acquirerName"] = $"{word} Holdings");

        var found = await ListAsync(analyst, $"q={word[..8].ToLowerInvariant()}%20hold");
        Assert.That(found.GetProperty("items").EnumerateArray().Select(d => d.Id()), Is.EqualTo(new[] { deal.Id() }));
    }

    [Test]
    public async Task FreeText_WithQuerySyntaxOrSql_IsJustText()
    {
        using var analyst = Api.Analyst(out _);
        var response = await analyst.GetAsync("/api/v1/deals?q=" + Uri.EscapeDataString("'; DROP TABLE deals; -- & | ! :* ("));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("sort=password", "sort")]
    [TestCase("pageSize=500", "pageSize")]
    [TestCase("page=0", "page")]
    [TestCase("reviewStatus=done", "reviewStatus")]
    [TestCase("currency=XYZ", "currency")]
    [TestCase("announcedFrom=2026-05-01&announcedTo=2026-01-01", "announcedTo")]
    [TestCase("minValue=10&maxValue=1", "maxValue")]
    public async Task InvalidQueryValues_Are400WithTheField(string query, string field)
    {
        using var analyst = Api.Analyst(out _);
        var problem = await (await analyst.GetAsync("/api/v1/deals?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [TestCase("page=abc")]
    [TestCase("announcedFrom=notadate")]
    [TestCase("minValue=lots")]
    public async Task UnparseableQueryValues_Are400(string query)
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.GetAsync("/api/v1/deals?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
