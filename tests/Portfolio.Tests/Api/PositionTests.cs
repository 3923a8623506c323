using System.Net;
using System.Net.Http.Json;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Api;

/// <summary>Positions follow their portfolio's rules, keep If-Match, and refuse what a careless or hostile client sends.</summary>
public sealed class PositionTests
{
    [Test]
    public async Task Positions_OfAnotherUser_AreNotFound_ARiskManagerReadsButCannotChangeThem()
    {
        using var owner = Factory.Analyst(out _);
        using var stranger = Factory.Analyst(out _);
        using var manager = Factory.RiskManager(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        var position = await owner.AddPositionAsync(portfolio.Id(), "AAPL", 10, 150);
        var path = $"/api/v1/positions/{position.Id()}";
        var body = new { symbol = "AAPL", quantity = 20, entryPrice = 150, entryDate = "2026-01-05" };

        using var read = await stranger.GetAsync(path);
        using var change = await stranger.SendAsync(HttpMethod.Put, path, "\"1\"", body);
        using var delete = await stranger.DeleteAsync(path);
        using var add = await stranger.PostAsJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/positions", body);
        using var managerRead = await manager.GetAsync(path);
        using var managerChange = await manager.SendAsync(HttpMethod.Put, path, managerRead.Headers.ETag!.ToString(), body);

        await read.AssertProblemAsync(HttpStatusCode.NotFound, "position.not_found");
        await change.AssertProblemAsync(HttpStatusCode.NotFound, "position.not_found");
        await delete.AssertProblemAsync(HttpStatusCode.NotFound, "position.not_found");
        await add.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        Assert.That(managerRead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await managerChange.AssertProblemAsync(HttpStatusCode.Forbidden, "portfolio.not_owner");
        var list = await stranger.GetJsonAsync($"/api/v1/positions?underlying=AAPL&pageSize=200");
        Assert.That(list.Items().Select(p => p.Id()), Does.Not.Contain(position.Id()));
    }

    [Test]
    public async Task Update_NeedsIfMatch_AndAStaleOneIs412()
    {
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        var position = await owner.AddPositionAsync(portfolio.Id(), "MSFT", 10, 300);
        var path = $"/api/v1/positions/{position.Id()}";
        using var first = await owner.GetAsync(path);
        var etag = first.Headers.ETag!.ToString();
        var body = new { symbol = "MSFT", quantity = -5, entryPrice = 310, entryDate = "2026-02-02", tags = new[] { "hedge" } };

        using var without = await owner.SendAsync(HttpMethod.Put, path, null, body);
        using var updated = await owner.SendAsync(HttpMethod.Put, path, etag, body);
        using var stale = await owner.SendAsync(HttpMethod.Put, path, etag, body);

        await without.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "portfolio.version_required");
        var view = await updated.ReadJsonAsync();
        Assert.That((view.Str("type"), view.GetProperty("quantity").GetDecimal()), Is.EqualTo(("short", -5m)));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "portfolio.stale");
        using var deleted = await owner.SendAsync(HttpMethod.Delete, path, updated.Headers.ETag!.ToString());
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var gone = await owner.GetAsync(path);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "position.not_found");
    }

    private static IEnumerable<TestCaseData> BadPositions()
    {
        object Body(string symbol = "AAPL", object? quantity = null, object? entryPrice = null, string entryDate = "2026-01-05", object? tags = null, string? notes = null, string? currency = null) =>
            new { symbol, quantity = quantity ?? 1, entryPrice = entryPrice ?? 1, entryDate, tags, notes, currency };
        yield return new TestCaseData(Body(quantity: 0), "quantity").SetName("{m}(zero quantity)");
        yield return new TestCaseData(Body(quantity: 1e13m), "quantity").SetName("{m}(quantity beyond 1e12)");
        yield return new TestCaseData(Body(quantity: 1.1234567m), "quantity").SetName("{m}(seven decimals)");
        yield return new TestCaseData(Body(entryPrice: -1), "entryPrice").SetName("{m}(negative price)");
        yield return new TestCaseData(Body(entryDate: "2999-01-01"), "entryDate").SetName("{m}(future entry)");
        // Control characters are refused for the whole body before any use case sees it.
        yield return new TestCaseData(Body(symbol: "AA\u0000PL"), "symbol").SetName("{m}(NUL in symbol)").SetCategory(InvalidCharacters);
        yield return new TestCaseData(Body(symbol: "AAPL  250230C00150000"), "symbol").SetName("{m}(OCC symbol with February 30)");
        yield return new TestCaseData(Body(symbol: "AAPL  250117C00150000", entryDate: "2026-01-05"), "entryDate").SetName("{m}(option entered after expiry)");
        yield return new TestCaseData(Body(tags: new[] { "ok", "bad\u0007tag" }), "tags").SetName("{m}(control character in a tag)").SetCategory(InvalidCharacters);
        yield return new TestCaseData(Body(notes: "note\u0000"), "notes").SetName("{m}(NUL in notes)").SetCategory(InvalidCharacters);
        yield return new TestCaseData(Body(currency: "XYZ"), "currency").SetName("{m}(not a currency)");
    }

    private const string InvalidCharacters = "request.invalid_characters";

    [TestCaseSource(nameof(BadPositions))]
    public async Task BadPosition_Is400_NamingTheField(object body, string field)
    {
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        using var response = await owner.PostAsJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/positions", body);
        var characters = TestContext.CurrentContext.Test.Properties["Category"].Contains(InvalidCharacters);
        if (characters)
        {
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, InvalidCharacters);
        }
        else
        {
            await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
        }

        var positions = await owner.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/positions");
        Assert.That(positions.GetProperty("totalCount").GetInt64(), Is.Zero, "nothing stored");
    }

    [TestCase("type=bogus")]
    [TestCase("tag=a%00b")]
    [TestCase("sort=quantity")]
    [TestCase("page=2147483647")]
    [TestCase("pageSize=0")]
    [TestCase("strategyId=not-a-guid")]
    public async Task BadListQuery_Is400(string query)
    {
        using var owner = Factory.Analyst(out _);
        using var response = await owner.GetAsync($"/api/v1/positions?{query}");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Tags_AreEachUsersOwn_AndARenameFollowsOntoPositions()
    {
        using var owner = Factory.Analyst(out _);
        using var stranger = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        var position = await owner.AddPositionAsync(portfolio.Id(), "NVDA", 5, 100, tags: ["ai"]);
        var tag = (await owner.GetJsonAsync("/api/v1/tags")).EnumerateArray().Single(t => t.Str("name") == "ai");

        using var foreign = await stranger.PutAsJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = "mine", colour = "#FF0000" });
        using var renamed = await owner.PutAsJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = "semis", colour = "#00AA00" });
        using var badColour = await owner.PutAsJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = "semis", colour = "green" });

        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "tag.not_found");
        Assert.That((await renamed.ReadJsonAsync()).Str("colour"), Is.EqualTo("#00AA00"));
        await badColour.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "colour");
        var stored = await owner.GetJsonAsync($"/api/v1/positions/{position.Id()}");
        Assert.That(stored.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "semis" }));
        using var deleted = await owner.DeleteAsync($"/api/v1/tags/{tag.Id()}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        stored = await owner.GetJsonAsync($"/api/v1/positions/{position.Id()}");
        Assert.That(stored.GetProperty("tags").GetArrayLength(), Is.Zero);
    }
}
