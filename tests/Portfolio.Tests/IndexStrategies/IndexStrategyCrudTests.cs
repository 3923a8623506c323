using System.Net;
using System.Net.Http.Json;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.IndexStrategies.IndexStrategySupport;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.IndexStrategies;

/// <summary>Index definitions: create, read, replace under If-Match, delete; only the owner sees one.</summary>
public sealed class IndexStrategyCrudTests
{
    [Test]
    public async Task Definition_CreatedReadReplacedAndDeleted_WithETagsAndIfMatch()
    {
        var symbols = await SeedBasketAsync(("USD", [10m, 11m]), ("USD", [20m, 21m]));
        using var owner = Factory.Analyst(out _);

        var (created, etag) = await owner.CreateStrategyAsync(symbols, d => d["symbols"] = new[] { symbols[0].ToLowerInvariant(), symbols[1] });
        var id = created.Id();
        using var read = await owner.GetAsync($"/api/v1/index-strategies/{id}");
        var list = await owner.GetJsonAsync("/api/v1/index-strategies?pageSize=10");
        using var noVersion = await owner.SendAsync(HttpMethod.Put, $"/api/v1/index-strategies/{id}", null, NewDefinition(symbols));
        using var replaced = await owner.SendAsync(HttpMethod.Put, $"/api/v1/index-strategies/{id}", etag,
            NewDefinition(symbols, d => (d["weighting"], d["volatilityWindow"], d["maxTurnover"]) = ("inverseVolatility", 21, 0.25m)));
        using var stale = await owner.SendAsync(HttpMethod.Put, $"/api/v1/index-strategies/{id}", etag, NewDefinition(symbols));
        using var staleDelete = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/index-strategies/{id}", etag);

        Assert.That(created.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(symbols), "upper-cased, in order");
        Assert.That(created.Str("weighting"), Is.EqualTo("equalWeight"));
        Assert.That(created.GetProperty("volatilityWindow").GetInt32(), Is.EqualTo(63));
        Assert.That(read.Headers.ETag!.ToString(), Is.EqualTo(etag));
        Assert.That(list.Items().Select(i => i.Id()), Is.EqualTo(new[] { id }));
        await noVersion.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "index_strategy.version_required");
        var after = await replaced.ReadJsonAsync();
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), after.ToString());
        Assert.That(replaced.Headers.ETag!.ToString(), Is.Not.EqualTo(etag));
        Assert.That((after.Str("weighting"), after.GetProperty("volatilityWindow").GetInt32(), after.GetProperty("maxTurnover").GetDecimal()),
            Is.EqualTo(("inverseVolatility", 21, 0.25m)));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "index_strategy.stale");
        await staleDelete.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "index_strategy.stale");

        using var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/index-strategies/{id}", replaced.Headers.ETag!.ToString());
        using var gone = await owner.GetAsync($"/api/v1/index-strategies/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "index_strategy.not_found");
    }

    [Test]
    public async Task Definition_OfAnotherUser_IsNotFoundEvenForAdmins_AndReviewersMayNotCreate()
    {
        var symbols = await SeedBasketAsync(("USD", [10m, 11m]), ("USD", [20m, 21m]));
        using var owner = Factory.Analyst(out _);
        using var stranger = Factory.RiskManager(out _);
        using var admin = Factory.Admin(out _);
        using var reviewer = Factory.Reviewer(out _);
        var (created, etag) = await owner.CreateStrategyAsync(symbols);
        var id = created.Id();

        foreach (var other in new[] { stranger, admin })
        {
            using var read = await other.GetAsync($"/api/v1/index-strategies/{id}");
            using var replace = await other.SendAsync(HttpMethod.Put, $"/api/v1/index-strategies/{id}", etag, NewDefinition(symbols));
            using var delete = await other.DeleteAsync($"/api/v1/index-strategies/{id}");
            using var simulate = await other.SimulateAsync(id, new { amount = 1000, startDate = "2026-12-03", currency = "USD" });
            var list = await other.GetJsonAsync("/api/v1/index-strategies");
            await read.AssertProblemAsync(HttpStatusCode.NotFound, "index_strategy.not_found");
            await replace.AssertProblemAsync(HttpStatusCode.NotFound, "index_strategy.not_found");
            await delete.AssertProblemAsync(HttpStatusCode.NotFound, "index_strategy.not_found");
            await simulate.AssertProblemAsync(HttpStatusCode.NotFound, "index_strategy.not_found");
            Assert.That(list.Items(), Is.Empty);
        }

        using var forbidden = await reviewer.PostAsJsonAsync("/api/v1/index-strategies", NewDefinition(symbols));
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var duplicate = await owner.PostAsJsonAsync("/api/v1/index-strategies", NewDefinition(symbols, d => d["name"] = created.Str("name")));
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "index_strategy.duplicate_name");
    }

    [TestCase("name", "Tab\tname")]
    [TestCase("weightCap", 0.2)]
    [TestCase("weightCap", 0)]
    [TestCase("maxTurnover", 1.5)]
    [TestCase("maxTurnover", 0)]
    [TestCase("volatilityWindow", 1)]
    public async Task Create_InvalidField_Is400NamingIt(string field, object value)
    {
        var symbols = await SeedBasketAsync(("USD", [10m, 11m]), ("USD", [20m, 21m]), ("USD", [30m, 31m]));
        using var owner = Factory.Analyst(out _);

        using var response = await owner.PostAsJsonAsync("/api/v1/index-strategies", NewDefinition(symbols, d => d[field] = value));

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [TestCase("name", "Bad\u0000name", "$.name")]
    [TestCase("description", "NUL \u0000 inside", "$.description")]
    [TestCase("symbols", new[] { "AAA", "B\u0000B" }, "$.symbols[1]")]
    public async Task Create_NulOrControlCharacters_Are400NamingWhere(string field, object value, string path)
    {
        using var owner = Factory.Analyst(out _);

        using var response = await owner.PostAsJsonAsync("/api/v1/index-strategies", NewDefinition(["AAA", "BBB"], d => d[field] = value));

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", path);
    }

    [Test]
    public async Task Create_BadBaskets_Are400OnSymbols()
    {
        var symbols = await SeedBasketAsync(("USD", [10m, 11m]), ("USD", [20m, 21m]));
        using var owner = Factory.Analyst(out _);
        (string[] Basket, string Field)[] baskets =
        [
            ([symbols[0]], "symbols"),
            ([symbols[0], symbols[0].ToLowerInvariant()], "symbols"),
            ([symbols[0], "WAY-TOO-LONG-TICKER"], "symbols[1]"),
            ([.. Enumerable.Range(0, 201).Select(i => $"S{i}")], "symbols"),
        ];

        foreach (var (basket, field) in baskets)
        {
            using var response = await owner.PostAsJsonAsync("/api/v1/index-strategies", NewDefinition(basket));
            await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
        }

        using var noWeighting = await owner.PostAsJsonAsync("/api/v1/index-strategies", NewDefinition(symbols, d => d.Remove("weighting")));
        await noWeighting.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "weighting");
    }

    [Test]
    public async Task Create_SymbolTheServiceHasNotSeen_WhileMarketdataIsDown_Is503()
    {
        var symbols = await SeedBasketAsync(("USD", [10m, 11m]));
        using var owner = Factory.Analyst(out _);

        using var response = await owner.PostAsJsonAsync("/api/v1/index-strategies", NewDefinition([symbols[0], MarketSeed.NewSymbol()]));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "index_strategy.marketdata_unavailable");
    }
}
