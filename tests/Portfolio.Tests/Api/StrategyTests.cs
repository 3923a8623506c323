using System.Net;
using System.Net.Http.Json;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Api;

/// <summary>Strategies group a portfolio's positions; they follow the portfolio's access rules.</summary>
public sealed class StrategyTests
{
    [Test]
    public async Task Strategy_GroupsPositions_IsInvisibleToOthers_AndDeletingItUngroupsThem()
    {
        using var owner = Factory.Analyst(out _);
        using var stranger = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        using var created = await owner.PostAsJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/strategies", new { name = "Collar on AAPL", kind = "collar" });
        var strategy = await created.ReadJsonAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), strategy.ToString());
        var position = await owner.AddPositionAsync(portfolio.Id(), "AAPL", 100, 150, strategyId: strategy.Id());

        var listed = await owner.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/strategies");
        using var duplicate = await owner.PostAsJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/strategies", new { name = "Collar on AAPL" });
        using var foreignList = await stranger.GetAsync($"/api/v1/portfolios/{portfolio.Id()}/strategies");
        using var foreignDelete = await stranger.DeleteAsync($"/api/v1/portfolios/{portfolio.Id()}/strategies/{strategy.Id()}");
        using var badKind = await owner.PostAsJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/strategies", new { name = "x", kind = "martingale" });

        Assert.That(listed[0].GetProperty("positionIds").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { position.Id() }));
        Assert.That(listed[0].Str("kind"), Is.EqualTo("collar"));
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "strategy.duplicate_name");
        await foreignList.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        await foreignDelete.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        await badKind.AssertProblemAsync(HttpStatusCode.BadRequest);

        using var deleted = await owner.DeleteAsync($"/api/v1/portfolios/{portfolio.Id()}/strategies/{strategy.Id()}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var ungrouped = await owner.GetJsonAsync($"/api/v1/positions/{position.Id()}");
        Assert.That(ungrouped.GetProperty("strategyId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task APosition_CannotJoinAnotherPortfoliosStrategy()
    {
        using var owner = Factory.Analyst(out _);
        var first = await owner.CreatePortfolioAsync();
        var second = await owner.CreatePortfolioAsync();
        using var created = await owner.PostAsJsonAsync($"/api/v1/portfolios/{first.Id()}/strategies", new { name = "Straddle" });
        var strategy = await created.ReadJsonAsync();

        using var response = await owner.PostAsJsonAsync($"/api/v1/portfolios/{second.Id()}/positions",
            new { symbol = "AAPL", quantity = 1, entryPrice = 1, entryDate = "2026-01-05", strategyId = strategy.Id() });

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "strategyId");
    }
}
