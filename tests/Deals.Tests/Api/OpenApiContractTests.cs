using System.Net;
using System.Net.Http.Json;
using Platform.Testing;

namespace Deals.Tests.Api;

/// <summary>The deals OpenAPI document is well formed and real responses keep to it.</summary>
public sealed class OpenApiContractTests
{
    private static DealsApiFactory Factory => DealsService.Factory;

    private static async Task<OpenApiContract> LoadAsync()
    {
        using var anonymous = Factory.CreateClient();
        return await OpenApiContract.LoadAsync(anonymous, "deals");
    }

    [Test]
    public async Task OpenApi_EveryOperation_HasIdSummarySecurityAndProblemResponses()
    {
        var contract = await LoadAsync();

        contract.AssertWellFormed();
    }

    [Test]
    public async Task OpenApi_RealResponses_AreDocumented()
    {
        var contract = await LoadAsync();
        using var analyst = Factory.Analyst(out _);
        using var anonymous = Factory.CreateClient();

        var created = await analyst.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await contract.AssertConformsAsync(created);

        var id = (await created.ReadJsonAsync()).Id();
        var read = await analyst.GetAsync($"/api/v1/deals/{id}");
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await contract.AssertConformsAsync(read);

        var list = await analyst.GetAsync("/api/v1/deals?pageSize=2");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await contract.AssertConformsAsync(list);

        var invalid = await analyst.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal(body => body["name"] = ""));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await contract.AssertConformsAsync(invalid);

        var unauthenticated = await anonymous.GetAsync("/api/v1/deals");
        Assert.That(unauthenticated.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await contract.AssertConformsAsync(unauthenticated);

        var missing = await analyst.GetAsync($"/api/v1/deals/{Guid.NewGuid()}");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await contract.AssertConformsAsync(missing);

        using var reviewer = Factory.Reviewer(out _);
        var forbidden = await reviewer.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal());
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        await contract.AssertConformsAsync(forbidden);

        var stale = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{id}", "\"1\"", DealRequests.NewDeal());
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        await contract.AssertConformsAsync(stale);
    }
}
