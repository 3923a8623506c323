using System.Net;
using System.Net.Http.Json;
using static MarketData.Tests.TestSupport;

namespace MarketData.Tests.Api;

/// <summary>The marketdata OpenAPI document is well formed and real responses keep to it.</summary>
public sealed class OpenApiContractTests
{
    private static async Task<OpenApiContract> LoadAsync()
    {
        using var anonymous = Factory.CreateClient();
        return await OpenApiContract.LoadAsync(anonymous, "marketdata");
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
        using var analyst = Factory.Analyst();
        using var admin = Factory.Admin();

        string[] reads =
        [
            "/api/v1/assets?q=a", "/api/v1/assets/SPY", "/api/v1/assets/NOPE", "/api/v1/assets?page=0",
            "/api/v1/market-data/SPY/history", "/api/v1/market-data/SPY/history?from=2000-01-01", "/api/v1/market-data/NOPE/history",
            "/api/v1/market-data/quotes?symbols=SPY,KO", "/api/v1/market-data/quotes?symbols=NOPE", "/api/v1/market-data/quotes",
            "/api/v1/market-data/fx?base=EUR&quote=JPY", "/api/v1/market-data/fx?base=EUR&quote=USD&date=1990-01-02",
            "/api/v1/market-data/SPY/options", "/api/v1/market-data/EURUSD/options",
            "/api/v1/market-data/history?symbols=SPY,NOPE",
        ];
        foreach (var path in reads)
        {
            using var response = await analyst.GetAsync(path);
            await contract.AssertConformsAsync(response);
        }

        using var tracked = await admin.PostAsJsonAsync("/api/v1/assets", new { symbol = "SPY" });
        Assert.That(tracked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await contract.AssertConformsAsync(tracked);
        using var unknown = await admin.PostAsJsonAsync("/api/v1/assets", new { symbol = "NOPE" });
        await contract.AssertConformsAsync(unknown);
        using var forbidden = await analyst.PostAsJsonAsync("/api/v1/assets", new { symbol = "SPY" });
        await contract.AssertConformsAsync(forbidden);
    }
}
