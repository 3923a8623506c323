using System.Net;
using System.Net.Http.Json;
using Platform.Testing;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

/// <summary>The alerts OpenAPI document is well formed and real responses keep to it.</summary>
public sealed class OpenApiContractTests
{
    private static async Task<OpenApiContract> LoadAsync()
    {
        using var anonymous = Factory.CreateClient();
        return await OpenApiContract.LoadAsync(anonymous, "alerts");
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
        using var user = Factory.User(out _);
        using var anonymous = Factory.CreateClient();
        var ticker = "Z" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        var created = await user.PostAsJsonAsync("/api/v1/alerts/rules", new { kind = "priceAbove", ticker, threshold = 10m });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await contract.AssertConformsAsync(created);

        var rules = await user.GetAsync("/api/v1/alerts/rules");
        Assert.That(rules.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await contract.AssertConformsAsync(rules);

        var alerts = await user.GetAsync("/api/v1/alerts?status=all");
        Assert.That(alerts.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await contract.AssertConformsAsync(alerts);

        var invalid = await user.PostAsJsonAsync("/api/v1/alerts/rules", new { kind = "priceAbove", ticker, threshold = -1m });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await contract.AssertConformsAsync(invalid);

        var unauthenticated = await anonymous.GetAsync("/api/v1/alerts");
        Assert.That(unauthenticated.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await contract.AssertConformsAsync(unauthenticated);

        var missing = await user.GetAsync($"/api/v1/alerts/{Guid.NewGuid()}");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await contract.AssertConformsAsync(missing);
    }
}
