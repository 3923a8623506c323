using System.Net;
using System.Net.Http.Json;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Api;

/// <summary>
/// Who sees and changes which portfolio: another analyst's is 404 (its existence is not theirs to know),
/// risk managers read any but change only their own, admins change any, other roles get nothing.
/// </summary>
public sealed class AccessTests
{
    [Test]
    public async Task AnotherAnalyst_GetsNotFoundOnGetPutAndDelete_AndChangesNothing()
    {
        using var owner = Factory.Analyst(out _);
        using var stranger = Factory.Analyst(out _);
        var created = await owner.CreatePortfolioAsync();
        var etag = await owner.ETagOfAsync(created.Id());
        var path = $"/api/v1/portfolios/{created.Id()}";

        using var read = await stranger.GetAsync(path);
        using var replaced = await stranger.SendAsync(HttpMethod.Put, path, etag, NewPortfolio());
        using var deleted = await stranger.SendAsync(HttpMethod.Delete, path, etag);

        await read.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        await replaced.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        await deleted.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        var stored = await owner.GetJsonAsync(path);
        Assert.That(stored.Str("name"), Is.EqualTo(created.Str("name")));
    }

    [Test]
    public async Task AnotherAnalyst_AskingForEveryonesOrTheOwnersList_SeesOnlyTheirOwn()
    {
        using var owner = Factory.Analyst(out var ownerId);
        using var stranger = Factory.Analyst(out _);
        var created = await owner.CreatePortfolioAsync();

        var all = await stranger.GetJsonAsync("/api/v1/portfolios?all=true&pageSize=200");
        var byOwner = await stranger.GetJsonAsync($"/api/v1/portfolios?ownerId={ownerId}");

        Assert.That(all.Items().Select(p => p.Id()), Does.Not.Contain(created.Id()));
        Assert.That(byOwner.Items(), Is.Empty);
    }

    [Test]
    public async Task RiskManager_ReadsAnyPortfolio_ButGets403OnChangingAnothers()
    {
        using var owner = Factory.Analyst(out var ownerId);
        using var risk = Factory.RiskManager(out _);
        var created = await owner.CreatePortfolioAsync();
        var path = $"/api/v1/portfolios/{created.Id()}";

        var read = await risk.GetJsonAsync(path);
        var listed = await risk.GetJsonAsync($"/api/v1/portfolios?ownerId={ownerId}");
        var etag = await risk.ETagOfAsync(created.Id());
        using var replaced = await risk.SendAsync(HttpMethod.Put, path, etag, NewPortfolio());
        using var deleted = await risk.SendAsync(HttpMethod.Delete, path, etag);

        Assert.That(read.Id(), Is.EqualTo(created.Id()));
        Assert.That(listed.Items().Select(p => p.Id()), Is.EqualTo(new[] { created.Id() }));
        await replaced.AssertProblemAsync(HttpStatusCode.Forbidden, "portfolio.not_owner");
        await deleted.AssertProblemAsync(HttpStatusCode.Forbidden, "portfolio.not_owner");
        var stored = await owner.GetJsonAsync(path);
        Assert.That(stored.Str("name"), Is.EqualTo(created.Str("name")));
    }

    [Test]
    public async Task RiskManager_ChangesTheirOwn()
    {
        using var risk = Factory.RiskManager(out _);
        var created = await risk.CreatePortfolioAsync();
        var etag = await risk.ETagOfAsync(created.Id());

        using var replaced = await risk.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", etag, NewPortfolio());

        await replaced.ReadJsonAsync();
    }

    [Test]
    public async Task Admin_ChangesAndDeletesAnyonesPortfolio_WhichStaysTheOwners()
    {
        using var owner = Factory.Analyst(out var ownerId);
        using var admin = Factory.Admin(out _);
        var created = await owner.CreatePortfolioAsync();
        var path = $"/api/v1/portfolios/{created.Id()}";
        var etag = await admin.ETagOfAsync(created.Id());
        var replacement = NewPortfolio();

        using var replaced = await admin.SendAsync(HttpMethod.Put, path, etag, replacement);
        var updated = await replaced.ReadJsonAsync();
        Assert.That(updated.Str("ownerId"), Is.EqualTo(ownerId.ToString()));
        Assert.That((await owner.GetJsonAsync(path)).Str("name"), Is.EqualTo(replacement["name"]));

        using var deleted = await admin.DeleteAsync(path);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        await (await owner.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
    }

    [Test]
    public async Task ReviewerOnly_Gets403OnEveryEndpoint()
    {
        using var owner = Factory.Analyst(out _);
        using var reviewer = Factory.Reviewer(out _);
        var created = await owner.CreatePortfolioAsync();
        var path = $"/api/v1/portfolios/{created.Id()}";
        var etag = await owner.ETagOfAsync(created.Id());

        using var list = await reviewer.GetAsync("/api/v1/portfolios");
        using var read = await reviewer.GetAsync(path);
        using var create = await reviewer.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio());
        using var replace = await reviewer.SendAsync(HttpMethod.Put, path, etag, NewPortfolio());
        using var delete = await reviewer.SendAsync(HttpMethod.Delete, path, etag);

        foreach (var response in new[] { list, read, create, replace, delete })
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        await owner.GetJsonAsync(path);
    }

    [Test]
    public async Task Anonymous_Gets401()
    {
        using var anonymous = Factory.CreateClient();

        using var response = await anonymous.GetAsync("/api/v1/portfolios");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ServiceClient_OwnsNoPortfolios()
    {
        using var service = Factory.ServiceClientFor("deals", "marketdata.track");

        using var response = await service.GetAsync("/api/v1/portfolios");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await response.Content.ReadAsStringAsync());
    }
}
