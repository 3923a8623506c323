using System.Net;
using System.Net.Http.Json;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Api;

/// <summary>The portfolio OpenAPI document is well formed (and written for deploy/local/openapi-lint.sh), and real responses keep to it.</summary>
public sealed class OpenApiContractTests
{
    private static async Task<OpenApiContract> LoadAsync()
    {
        using var anonymous = Factory.CreateClient();
        return await OpenApiContract.LoadAsync(anonymous, "portfolio");
    }

    [Test]
    public async Task OpenApi_EveryOperation_HasIdSummarySecurityAndProblemResponses()
    {
        var contract = await LoadAsync();

        contract.AssertWellFormed();
    }

    [Test]
    public async Task OpenApi_DocumentsThePortfolioEndpoints()
    {
        var contract = await LoadAsync();

        var paths = contract.Document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Does.Contain("/api/v1/portfolios").And.Contain("/api/v1/portfolios/{id}"));
    }

    [Test]
    public async Task OpenApi_RealResponses_AreDocumented()
    {
        var contract = await LoadAsync();
        using var analyst = Factory.Analyst(out _);
        using var risk = Factory.RiskManager(out _);

        using var created = await analyst.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await contract.AssertConformsAsync(created);
        var id = (await created.ReadJsonAsync()).Id();
        var etag = created.Headers.ETag!.ToString();

        using var duplicate = await analyst.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio(p => p["name"] = "Twice"));
        using var duplicated = await analyst.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio(p => p["name"] = "Twice"));
        using var invalid = await analyst.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio(p => p["baseCurrency"] = "usd"));
        using var list = await analyst.GetAsync("/api/v1/portfolios");
        using var badPage = await analyst.GetAsync("/api/v1/portfolios?page=0");
        using var read = await analyst.GetAsync($"/api/v1/portfolios/{id}");
        using var missing = await analyst.GetAsync($"/api/v1/portfolios/{Guid.NewGuid()}");
        using var noVersion = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{id}", null, NewPortfolio());
        using var forbidden = await risk.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{id}", etag, NewPortfolio());
        using var replaced = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{id}", etag, NewPortfolio());
        using var stale = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{id}", etag, NewPortfolio());
        using var deleted = await analyst.DeleteAsync($"/api/v1/portfolios/{id}");
        foreach (var response in new[] { duplicate, duplicated, invalid, list, badPage, read, missing, noVersion, forbidden, replaced, stale, deleted })
        {
            await contract.AssertConformsAsync(response);
        }
    }
}
