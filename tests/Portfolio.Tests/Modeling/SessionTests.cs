using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Application.Modeling;
using Portfolio.Domain.Modeling;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Modeling;

/// <summary>Sessions and their trades: create, add, change, remove with If-Match; owner-only; expiry.</summary>
public sealed class SessionTests
{
    [Test]
    public async Task Trades_AreAddedChangedAndRemoved_EachChangeMovingTheETag()
    {
        using var owner = Factory.Analyst(out _);
        var (symbol, _, sessionId, etag) = await owner.StartAsync();

        var (added, afterAdd) = await owner.AddTradeAsync(sessionId, etag, new { symbol = symbol.ToLowerInvariant(), side = "sell", quantity = 25, price = 100.5m });
        var trade = added.GetProperty("trades").EnumerateArray().Single();
        Assert.That((trade.Str("symbol"), trade.Str("side"), trade.Dec("quantity"), trade.Dec("price")), Is.EqualTo((symbol, "sell", -25m, 100.5m)));
        Assert.That(afterAdd, Is.Not.EqualTo(etag));

        using (var changed = await owner.SendAsync(HttpMethod.Put, $"/api/v1/modeling/sessions/{sessionId}/trades/{trade.Str("id")}", afterAdd, new { symbol, quantity = 40 }))
        {
            var body = await changed.ReadJsonAsync();
            var now = body.GetProperty("trades").EnumerateArray().Single();
            Assert.That((now.Str("side"), now.Dec("quantity"), now.GetProperty("price").ValueKind), Is.EqualTo(("buy", 40m, System.Text.Json.JsonValueKind.Null)));
        }

        using (var stale = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/modeling/sessions/{sessionId}/trades/{trade.Str("id")}", afterAdd))
        {
            await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "modeling.stale");
        }

        using (var unversioned = await owner.SendAsync(HttpMethod.Post, $"/api/v1/modeling/sessions/{sessionId}/trades", null, new { symbol, quantity = 1 }))
        {
            await unversioned.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "modeling.version_required");
        }

        var current = await owner.ETagOfSessionAsync(sessionId);
        using (var removed = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/modeling/sessions/{sessionId}/trades/{trade.Str("id")}", current))
        {
            Assert.That((await removed.ReadJsonAsync()).GetProperty("trades").GetArrayLength(), Is.Zero);
        }

        using (var again = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/modeling/sessions/{sessionId}/trades/{trade.Str("id")}", await owner.ETagOfSessionAsync(sessionId)))
        {
            await again.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.trade_not_found");
        }

        var list = await owner.GetJsonAsync("/api/v1/modeling/sessions?pageSize=1");
        Assert.That((list.Items().Single().Str("id"), list.GetProperty("totalCount").GetInt64()), Is.EqualTo((sessionId, 1L)));

        using var discarded = await owner.SendAsync(HttpMethod.Delete, $"/api/v1/modeling/sessions/{sessionId}", null);
        Assert.That(discarded.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var gone = await owner.GetAsync($"/api/v1/modeling/sessions/{sessionId}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.session_not_found");
    }

    [Test]
    public async Task Sessions_AreTheCreatorsAlone_EveryoneElseGets404()
    {
        using var owner = Factory.Analyst(out _);
        using var analyst = Factory.Analyst(out _);
        using var manager = Factory.RiskManager(out _);
        using var admin = Factory.Admin(out _);
        var (symbol, portfolio, sessionId, etag) = await owner.StartAsync();
        var (_, current) = await owner.AddTradeAsync(sessionId, etag, new { symbol, quantity = 10 });
        var scenario = await owner.SaveScenarioAsync(sessionId, "Kept");

        foreach (var other in new[] { analyst, manager, admin })
        {
            foreach (var path in new[] { "", "/impacts", "/suggestions" })
            {
                using var read = await other.GetAsync($"/api/v1/modeling/sessions/{sessionId}{path}");
                await read.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.session_not_found");
            }

            using var add = await other.SendAsync(HttpMethod.Post, $"/api/v1/modeling/sessions/{sessionId}/trades", current, new { symbol, quantity = 1 });
            await add.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.session_not_found");
            using var discard = await other.SendAsync(HttpMethod.Delete, $"/api/v1/modeling/sessions/{sessionId}", null);
            await discard.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.session_not_found");
            using var save = await other.PostAsJsonAsync($"/api/v1/modeling/sessions/{sessionId}/scenarios", new { name = "Theirs" });
            await save.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.session_not_found");
            using var readScenario = await other.GetAsync($"/api/v1/modeling/scenarios/{scenario.Str("id")}");
            await readScenario.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.scenario_not_found");
            Assert.That((await other.GetJsonAsync("/api/v1/modeling/sessions")).GetProperty("totalCount").GetInt64(), Is.Zero);
        }

        // A risk manager may read the portfolio, so may model on it, in a session of their own.
        var (managers, _) = await manager.CreateSessionAsync(portfolio.Id());
        Assert.That(managers, Is.Not.EqualTo(sessionId));
        using var strangers = await analyst.PostAsJsonAsync("/api/v1/modeling/sessions", new { portfolioId = portfolio.Id() });
        await strangers.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        Assert.That(await owner.ETagOfSessionAsync(sessionId), Is.EqualTo(current), "nothing the others tried changed it");
    }

    [Test]
    public async Task ExpiredSession_Answers404_AndTheCleanupRemovesIt()
    {
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        var (sessionId, etag) = await owner.CreateSessionAsync(portfolio.Id());
        var (liveId, _) = await owner.CreateSessionAsync(portfolio.Id());
        var id = Guid.Parse(sessionId);
        await Factory.WithDbAsync(db => db.Set<ModelingSession>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        using (var read = await owner.GetAsync($"/api/v1/modeling/sessions/{sessionId}"))
        {
            await read.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.session_not_found");
        }

        using (var change = await owner.SendAsync(HttpMethod.Post, $"/api/v1/modeling/sessions/{sessionId}/trades", etag, new { symbol = "AAPL", quantity = 1 }))
        {
            await change.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.session_not_found");
        }

        Assert.That((await owner.GetJsonAsync("/api/v1/modeling/sessions")).Items().Select(s => s.Str("id")), Is.EqualTo(new[] { liveId }));
        Assert.That(await Factory.Services.GetRequiredService<ExpiredSessionCleanup>().RemoveExpiredAsync(CancellationToken.None), Is.GreaterThanOrEqualTo(1));
        Assert.That(await Factory.WithDbAsync(db => db.Set<ModelingSession>().Select(s => s.Id).Where(s => s == id || s == Guid.Parse(liveId)).ToListAsync()),
            Is.EqualTo(new[] { Guid.Parse(liveId) }));
    }

    [Test]
    public async Task BadInput_IsAProblem_NamingTheField()
    {
        using var owner = Factory.Analyst(out _);
        var (symbol, portfolio, sessionId, etag) = await owner.StartAsync();
        var trades = $"/api/v1/modeling/sessions/{sessionId}/trades";

        (object Body, string Field)[] cases =
        [
            (new { symbol, quantity = 10_000_000_000_000m }, "quantity"),
            (new { symbol, quantity = 0 }, "quantity"),
            (new { symbol, quantity = -5, side = "buy" }, "quantity"),
            (new { symbol, quantity = 5, side = "hold" }, "side"),
            (new { symbol, quantity = 5, price = -1 }, "price"),
            (new { symbol = MarketSeed.NewSymbol(), quantity = 5 }, "symbol"),
        ];
        foreach (var (body, field) in cases)
        {
            using var response = await owner.SendAsync(HttpMethod.Post, trades, etag, body);
            await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
        }

        using (var overflow = await owner.SendAsync(HttpMethod.Post, trades, etag, System.Text.Json.JsonDocument.Parse($"{{\"symbol\":\"{symbol}\",\"quantity\":1e400}}").RootElement))
        {
            await overflow.AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        // NUL and other control characters are refused before binding, naming where they were.
        using (var nul = await owner.SendAsync(HttpMethod.Post, trades, etag, new { symbol = "AA\u0000PL", quantity = 1 }))
        {
            var problem = await nul.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.Contains("symbol"), problem.ToString());
        }

        using (var name = await owner.PostAsJsonAsync("/api/v1/modeling/sessions", new { portfolioId = portfolio.Id(), name = "bad\u0007name" }))
        {
            var problem = await name.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.Contains("name"), problem.ToString());
        }

        using (var unknownSession = await owner.GetAsync($"/api/v1/modeling/sessions/{Guid.NewGuid()}/impacts"))
        {
            await unknownSession.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.session_not_found");
        }

        using (var unknownTrade = await owner.SendAsync(HttpMethod.Put, $"{trades}/{Guid.NewGuid()}", etag, new { symbol, quantity = 1 }))
        {
            await unknownTrade.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.trade_not_found");
        }

        using (var unknownPortfolio = await owner.PostAsJsonAsync("/api/v1/modeling/sessions", new { portfolioId = Guid.NewGuid() }))
        {
            await unknownPortfolio.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        }

        Assert.That(await owner.ETagOfSessionAsync(sessionId), Is.EqualTo(etag), "no bad request changed the session");
    }
}
