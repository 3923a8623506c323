using System.Net;
using System.Net.Http.Headers;
using System.Buffers.Text;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>The portfolio service behind the gateway: portfolios per user, a default one from registration, and its own client in identity.</summary>
public sealed class PortfolioFlowTests
{
    private const string Password = "a long enough passphrase 2026";

    [Test]
    public async Task Analyst_ListsAndCreatesPortfolios_WhichAnotherUserCannotSee()
    {
        using var analyst = await Platform.SignedInAsync("analyst@platform.local", "Meadow-Copper-2026!");
        using var other = await RegisteredUserAsync("other");

        var before = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/portfolios"));
        var name = $"E2E book {Guid.NewGuid():N}"[..20];
        var created = await Platform.OkJsonAsync(
            await analyst.PostAsJsonAsync("/api/v1/portfolios", new { name, baseCurrency = "EUR", limits = new { valueAtRisk = 100_000m } }),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var after = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/portfolios?pageSize=200"));
        Assert.That(after.GetProperty("totalCount").GetInt64(), Is.EqualTo(before.GetProperty("totalCount").GetInt64() + 1));
        var mine = await Platform.OkJsonAsync(await analyst.GetAsync($"/api/v1/portfolios/{id}"));
        Assert.That(mine.GetProperty("name").GetString(), Is.EqualTo(name));

        var theirs = await other.GetAsync($"/api/v1/portfolios/{id}");
        await theirs.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");

        var deleted = await analyst.DeleteAsync($"/api/v1/portfolios/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ANewlyRegisteredUser_GetsADefaultPortfolio()
    {
        using var user = await RegisteredUserAsync("portfolio");

        var defaults = await Polling.UntilAsync(
            async () => (await Platform.OkJsonAsync(await user.GetAsync("/api/v1/portfolios"))).GetProperty("items").EnumerateArray()
                .Where(p => p.GetProperty("isDefault").GetBoolean()).ToList(),
            found => found.Count > 0,
            $"the default portfolio from identity's UserRegistered.\nportfolio:\n{Platform.OutputOf("portfolio")}",
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(250));

        Assert.That(defaults, Has.Count.EqualTo(1));
        Assert.That(defaults[0].GetProperty("baseCurrency").GetString(), Is.EqualTo("USD"));
    }

    [Test]
    public async Task PortfolioServiceClient_GetsATokenWithItsScopes_AndReadsMarketdata()
    {
        using var client = Platform.CreateClient();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "portfolio",
            ["client_secret"] = Platform.PortfolioClientSecret,
            ["scope"] = "marketdata.read marketdata.track",
        }));
        var token = await Platform.OkJsonAsync(response);
        var accessToken = token.GetProperty("access_token").GetString()!;
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(accessToken.Split('.')[1])).RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(claims.GetProperty("sub").GetString(), Is.EqualTo("portfolio"));
            Assert.That(claims.GetProperty("scope").GetString()!.Split(' '), Is.EquivalentTo(new[] { "marketdata.read", "marketdata.track" }));
            Assert.That(claims.TryGetProperty("role", out _), Is.False, "a service token carries no role");
        }

        // Both scopes work at marketdata: a read, and tracking a symbol (already tracked: 200).
        using var service = Platform.CreateClient();
        service.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var assets = await service.GetAsync("/api/v1/assets?q=S");
        Assert.That(assets.StatusCode, Is.EqualTo(HttpStatusCode.OK), await assets.Content.ReadAsStringAsync());
        var tracked = await service.PostAsJsonAsync("/api/v1/assets", new { symbol = "SPY" });
        Assert.That(tracked.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Created), await tracked.Content.ReadAsStringAsync());

        var wrongSecret = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "portfolio",
            ["client_secret"] = "not-the-secret",
        }));
        Assert.That(wrongSecret.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<HttpClient> RegisteredUserAsync(string prefix)
    {
        using var anonymous = Platform.CreateClient();
        var email = Platform.NewEmail(prefix);
        var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Portfolio Flow" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        return await Platform.SignedInAsync(email, Password);
    }
}
