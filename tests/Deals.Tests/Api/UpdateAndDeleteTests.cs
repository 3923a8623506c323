using System.Net;
using System.Net.Http.Json;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class UpdateAndDeleteTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    [Test]
    public async Task Put_WithCurrentETag_ReplacesTermsAndReturnsANewETag()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();

        var response = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{created.Id()}", created.ETag(),
            DealRequests.NewDeal(d => d["currentTargetPrice"] = 51.5m));
        var updated = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(updated.GetProperty("currentTargetPrice").GetDecimal(), Is.EqualTo(51.5m));
            Assert.That(updated.GetProperty("spread").GetDecimal(), Is.EqualTo(1m));
            Assert.That(updated.ETag(), Is.Not.EqualTo(created.ETag()));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(updated.ETag()));
        });
    }

    [Test]
    public async Task Put_WithStaleETag_Is412AndChangesNothing()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        var first = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{created.Id()}", created.ETag(), DealRequests.NewDeal(d => d["name"] = "First edit"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var stale = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{created.Id()}", created.ETag(), DealRequests.NewDeal(d => d["name"] = "Lost update"));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "deal.stale");
        var current = await (await analyst.GetAsync($"/api/v1/deals/{created.Id()}")).ReadJsonAsync();
        Assert.That(current.GetProperty("name").GetString(), Is.EqualTo("First edit"));
    }

    [Test]
    public async Task ConcurrentPuts_OfTheSameVersion_ExactlyOneWins()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();

        var attempts = Enumerable.Range(0, 8).Select(i => analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{created.Id()}", created.ETag(),
            DealRequests.NewDeal(d => d["name"] = $"Writer {i}")));
        var statuses = (await Task.WhenAll(attempts)).Select(r => r.StatusCode).ToList();

        Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.PreconditionFailed), Is.EqualTo(7), string.Join(", ", statuses));
    }

    [Test]
    public async Task Put_WithoutIfMatch_Is428()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        var response = await analyst.PutAsJsonAsync($"/api/v1/deals/{created.Id()}", DealRequests.NewDeal());
        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "deal.version_required");
    }

    [Test]
    public async Task Put_WithMalformedIfMatch_Is400()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        var response = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{created.Id()}", "not-an-etag", DealRequests.NewDeal());
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Put_BySomeoneElsesAnalyst_Is403()
    {
        using var owner = Api.Analyst(out _);
        var created = await owner.CreateDealAsync();
        using var other = Api.Analyst(out _);
        var response = await other.SendAsync(HttpMethod.Put, $"/api/v1/deals/{created.Id()}", created.ETag(), DealRequests.NewDeal());
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "deal.not_owner");
    }

    [Test]
    public async Task Put_ByAdmin_EditsAnyonesDeal()
    {
        using var owner = Api.Analyst(out _);
        var created = await owner.CreateDealAsync();
        using var admin = Api.Admin(out _);
        var response = await admin.SendAsync(HttpMethod.Put, $"/api/v1/deals/{created.Id()}", created.ETag(), DealRequests.NewDeal(d => d["name"] = "Fixed by admin"));
        Assert.That((await response.ReadJsonAsync()).GetProperty("name").GetString(), Is.EqualTo("Fixed by admin"));
    }

    [Test]
    public async Task Put_UnknownId_Is404()
    {
        using var analyst = Api.Analyst(out _);
        var response = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{Guid.NewGuid()}", "\"1\"", DealRequests.NewDeal());
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "deal.not_found");
    }

    [Test]
    public async Task Delete_ThenTheDealIs404EverywhereButRestore()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = "D" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var created = await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);

        Assert.That((await analyst.SendAsync(HttpMethod.Delete, $"/api/v1/deals/{created.Id()}", created.ETag())).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var path = $"/api/v1/deals/{created.Id()}";
        await (await analyst.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "deal.not_found");
        await (await analyst.SendAsync(HttpMethod.Put, path, "*", DealRequests.NewDeal())).AssertProblemAsync(HttpStatusCode.NotFound, "deal.not_found");
        await (await analyst.PostAsync(path + "/submit", null)).AssertProblemAsync(HttpStatusCode.NotFound, "deal.not_found");
        await (await analyst.GetAsync(path + "/audit")).AssertProblemAsync(HttpStatusCode.NotFound, "deal.not_found");
        await (await analyst.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "deal.not_found");
        var list = await (await analyst.GetAsync($"/api/v1/deals?ticker={ticker}")).ReadJsonAsync();
        Assert.That(list.GetProperty("totalCount").GetInt64(), Is.Zero);
        Assert.That(list.GetProperty("items").GetArrayLength(), Is.Zero, "a deleted deal never appears in a live list");
        var byTicker = await (await analyst.GetAsync($"/api/v1/deals/by-ticker/{ticker}")).ReadJsonAsync();
        Assert.That(byTicker.GetProperty("items").GetArrayLength(), Is.Zero);
        var export = await (await analyst.GetAsync($"/api/v1/deals/export?ticker={ticker}")).Content.ReadAsStringAsync();
        Assert.That(export, Does.Not.Contain(created.Id()));

        using var admin = Api.Admin(out _);
        var restored = await (await admin.PostAsync(path + "/restore", null)).ReadJsonAsync();
        Assert.That(restored.Id(), Is.EqualTo(created.Id()));
        Assert.That((await analyst.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DeletedDeals_AreListedForAdminsOnly_SoTheyCanBeFoundAndRestored()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = "R" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var deleted = await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);
        await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);
        await analyst.DeleteAsync($"/api/v1/deals/{deleted.Id()}");

        await (await analyst.GetAsync($"/api/v1/deals?ticker={ticker}&deleted=true")).AssertProblemAsync(HttpStatusCode.Forbidden, "deal.deleted_requires_admin");
        await (await analyst.GetAsync($"/api/v1/deals/export?ticker={ticker}&deleted=true")).AssertProblemAsync(HttpStatusCode.Forbidden, "deal.deleted_requires_admin");

        using var admin = Api.Admin(out _);
        var list = await (await admin.GetAsync($"/api/v1/deals?ticker={ticker}&deleted=true")).ReadJsonAsync();
        Assert.That(list.GetProperty("items").EnumerateArray().Select(d => d.Id()), Is.EqualTo(new[] { deleted.Id() }));
        Assert.That(list.GetProperty("totalCount").GetInt64(), Is.EqualTo(1));
        var csv = await (await admin.GetAsync($"/api/v1/deals/export?ticker={ticker}&deleted=true")).Content.ReadAsStringAsync();
        Assert.That(csv, Does.Contain(deleted.Id()));
    }

    [Test]
    public async Task Delete_WithStaleETag_Is412()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        await (await analyst.SendAsync(HttpMethod.Delete, $"/api/v1/deals/{created.Id()}", "\"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "deal.stale");
    }

    [Test]
    public async Task Restore_ByAnalyst_Is403()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        await analyst.DeleteAsync($"/api/v1/deals/{created.Id()}");
        Assert.That((await analyst.PostAsync($"/api/v1/deals/{created.Id()}/restore", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Restore_OfLiveDeal_Is422()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        using var admin = Api.Admin(out _);
        await (await admin.PostAsync($"/api/v1/deals/{created.Id()}/restore", null)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.not_deleted");
    }
}
