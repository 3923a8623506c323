using System.Net;
using System.Net.Http.Json;
using Platform.Testing;

namespace Identity.Tests.Infrastructure;

/// <summary>The identity OpenAPI document is well formed and real responses keep to it.</summary>
public sealed class OpenApiContractTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static async Task<OpenApiContract> LoadAsync()
    {
        using var anonymous = Factory.CreateClient();
        return await OpenApiContract.LoadAsync(anonymous, "identity");
    }

    [Test]
    public async Task OpenApi_EveryOperation_HasIdSummarySecurityAndProblemResponses()
    {
        var contract = await LoadAsync();

        // The token endpoint answers in RFC 6749's error format, as OAuth clients expect.
        contract.AssertWellFormed("issueToken");
    }

    [Test]
    public async Task OpenApi_RealResponses_AreDocumented()
    {
        var contract = await LoadAsync();
        using var anonymous = Factory.CreateClient();
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail("contract"), "analyst");

        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityApiFactory.Password });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await contract.AssertConformsAsync(login);

        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        using (admin)
        {
            var me = await admin.GetAsync("/api/v1/auth/me");
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await contract.AssertConformsAsync(me);

            var users = await admin.GetAsync("/api/v1/users?pageSize=2");
            Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await contract.AssertConformsAsync(users);

            var missing = await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            await contract.AssertConformsAsync(missing);
        }

        var invalid = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "", password = "" });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await contract.AssertConformsAsync(invalid);

        var wrongPassword = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the password" });
        Assert.That(wrongPassword.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await contract.AssertConformsAsync(wrongPassword);

        var unauthenticated = await anonymous.GetAsync("/api/v1/auth/me");
        Assert.That(unauthenticated.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await contract.AssertConformsAsync(unauthenticated);

        var jwks = await anonymous.GetAsync("/.well-known/jwks.json");
        Assert.That(jwks.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await contract.AssertConformsAsync(jwks);
    }

    [Test]
    public async Task OpenApi_SettingsResponses_AreDocumented()
    {
        var contract = await LoadAsync();
        var (client, _, _) = await Factory.SignedInClientAsync("risk-manager");
        using (client)
        {
            var read = await client.GetAsync("/api/v1/users/me/settings");
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await contract.AssertConformsAsync(read);

            foreach (var (ifMatch, body, status) in new[]
            {
                ("\"0\"", "{\"timeZone\":\"Europe/Oslo\"}", HttpStatusCode.OK),
                ("\"0\"", "{\"timeZone\":\"Europe/Oslo\"}", HttpStatusCode.PreconditionFailed),
                (null, "{\"timeZone\":\"Europe/Oslo\"}", HttpStatusCode.PreconditionRequired),
                ("*", "{\"timeZone\":\"Nowhere/Special\"}", HttpStatusCode.BadRequest),
            })
            {
                using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/users/me/settings")
                {
                    Content = new StringContent(body, System.Text.Encoding.UTF8, "application/merge-patch+json"),
                };
                if (ifMatch is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                }

                var response = await client.SendAsync(request);
                Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
                await contract.AssertConformsAsync(response);
            }
        }
    }
}
