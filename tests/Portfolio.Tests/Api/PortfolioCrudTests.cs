using System.Net;
using System.Net.Http.Json;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Api;

/// <summary>Create, read, replace and delete, with ETag and If-Match, as the owner.</summary>
public sealed class PortfolioCrudTests
{
    [Test]
    public async Task Create_Returns201WithLocationETagAndTheStoredPortfolio()
    {
        using var analyst = Factory.Analyst(out var userId);
        var body = NewPortfolio();

        using var response = await analyst.PostAsJsonAsync("/api/v1/portfolios", body);

        var created = await response.ReadJsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/v1/portfolios/{created.Id()}"));
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(created.Str("ownerId"), Is.EqualTo(userId.ToString()));
            Assert.That(created.Str("name"), Is.EqualTo(body["name"]));
            Assert.That(created.Str("baseCurrency"), Is.EqualTo("EUR"));
            Assert.That(created.GetProperty("isDefault").GetBoolean(), Is.False);
            Assert.That(created.GetProperty("limits").GetProperty("concentrationPercent").GetDecimal(), Is.EqualTo(12.5m));
            Assert.That(created.GetProperty("limits").GetProperty("grossExposure").GetDecimal(), Is.EqualTo(5_000_000m));
        }

        using var read = await analyst.GetAsync(response.Headers.Location);
        var stored = await read.ReadJsonAsync();
        Assert.That(stored.Str("name"), Is.EqualTo(body["name"]));
        Assert.That(read.Headers.ETag, Is.EqualTo(response.Headers.ETag));
    }

    [Test]
    public async Task Create_WithoutCurrencyOrLimits_DefaultsToUsdAndNoLimits()
    {
        using var analyst = Factory.Analyst(out _);

        var created = await analyst.CreatePortfolioAsync(p =>
        {
            p.Remove("baseCurrency");
            p.Remove("limits");
            p.Remove("description");
        });

        Assert.That(created.Str("baseCurrency"), Is.EqualTo("USD"));
        Assert.That(created.GetProperty("limits").GetProperty("valueAtRisk").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task Get_WithTheCurrentETag_Returns304_AndWithAnOldOne200()
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();
        var etag = await analyst.ETagOfAsync(created.Id());

        using var notModified = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/portfolios/{created.Id()}");
        notModified.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var unchanged = await analyst.SendAsync(notModified);
        Assert.That(unchanged.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        using var renamed = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", etag, NewPortfolio());
        await renamed.ReadJsonAsync();
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/portfolios/{created.Id()}");
        stale.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var changed = await analyst.SendAsync(stale);
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(changed.Headers.ETag?.ToString(), Is.Not.EqualTo(etag));
    }

    [Test]
    public async Task Put_WithTheCurrentETag_ReplacesEverythingAndReturnsANewETag()
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();
        var etag = await analyst.ETagOfAsync(created.Id());
        var replacement = NewPortfolio(p =>
        {
            p["baseCurrency"] = "GBP";
            p["description"] = null;
            p["limits"] = new { valueAtRisk = 10_000m };
        });

        using var response = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", etag, replacement);

        var updated = await response.ReadJsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(updated.Str("name"), Is.EqualTo(replacement["name"]));
            Assert.That(updated.Str("baseCurrency"), Is.EqualTo("GBP"));
            Assert.That(updated.GetProperty("description").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(updated.GetProperty("limits").GetProperty("valueAtRisk").GetDecimal(), Is.EqualTo(10_000m));
            Assert.That(updated.GetProperty("limits").GetProperty("grossExposure").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "limits left out are removed");
            Assert.That(response.Headers.ETag?.ToString(), Is.Not.Null.And.Not.EqualTo(etag));
        }
    }

    [Test]
    public async Task Put_WithoutIfMatch_Is428()
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();

        using var response = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", null, NewPortfolio());

        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "portfolio.version_required");
    }

    [Test]
    public async Task Put_WithAStaleIfMatch_Is412AndChangesNothing()
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();
        var first = await analyst.ETagOfAsync(created.Id());
        using var winner = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", first, NewPortfolio());
        var won = await winner.ReadJsonAsync();

        using var loser = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", first, NewPortfolio());

        await loser.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "portfolio.stale");
        var stored = await analyst.GetJsonAsync($"/api/v1/portfolios/{created.Id()}");
        Assert.That(stored.Str("name"), Is.EqualTo(won.Str("name")));
    }

    [Test]
    public async Task Create_WithANameTheOwnerAlreadyUses_Is409_ButAnotherOwnerMayUseIt()
    {
        using var analyst = Factory.Analyst(out _);
        using var other = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();

        using var duplicate = await analyst.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio(p => p["name"] = created.Str("name")));

        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "portfolio.duplicate_name");
        await other.CreatePortfolioAsync(p => p["name"] = created.Str("name"));
    }

    [Test]
    public async Task Put_RenamingToAnotherOfTheOwnersNames_Is409()
    {
        using var analyst = Factory.Analyst(out _);
        var first = await analyst.CreatePortfolioAsync();
        var second = await analyst.CreatePortfolioAsync();
        var etag = await analyst.ETagOfAsync(second.Id());

        using var response = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{second.Id()}", etag, NewPortfolio(p => p["name"] = first.Str("name")));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "portfolio.duplicate_name");
    }

    [Test]
    public async Task Delete_Returns204_ThenThePortfolioIsGoneAndItsNameFree()
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();

        using var deleted = await analyst.DeleteAsync($"/api/v1/portfolios/{created.Id()}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        using var read = await analyst.GetAsync($"/api/v1/portfolios/{created.Id()}");
        await read.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        var list = await analyst.GetJsonAsync("/api/v1/portfolios");
        Assert.That(list.Items().Select(p => p.Id()), Does.Not.Contain(created.Id()));
        await analyst.CreatePortfolioAsync(p => p["name"] = created.Str("name"));
    }

    [Test]
    public async Task Delete_WithAStaleIfMatch_Is412AndKeepsThePortfolio()
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();
        var first = await analyst.ETagOfAsync(created.Id());
        using var changed = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", first, NewPortfolio());
        await changed.ReadJsonAsync();

        using var deleted = await analyst.SendAsync(HttpMethod.Delete, $"/api/v1/portfolios/{created.Id()}", first);

        await deleted.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "portfolio.stale");
        await analyst.GetJsonAsync($"/api/v1/portfolios/{created.Id()}");
    }

    [Test]
    public async Task Get_UnknownId_Is404()
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.GetAsync($"/api/v1/portfolios/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
    }

    [Test]
    public async Task List_ReturnsOnlyTheCallersOwnPortfolios()
    {
        using var analyst = Factory.Analyst(out var userId);
        using var other = Factory.Analyst(out _);
        var mine = await analyst.CreatePortfolioAsync();
        await other.CreatePortfolioAsync();

        var page = await analyst.GetJsonAsync("/api/v1/portfolios");

        Assert.That(page.Items().Select(p => p.Id()), Is.EqualTo(new[] { mine.Id() }));
        Assert.That(page.Items().Select(p => p.Str("ownerId")), Is.All.EqualTo(userId.ToString()));
    }
}
