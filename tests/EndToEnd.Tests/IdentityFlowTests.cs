using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>The sign-in life cycle as a client sees it, through the gateway only.</summary>
public sealed class IdentityFlowTests
{
    private const string Password = "a long enough passphrase 2026";

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Test]
    public async Task Register_Login_Me_Refresh_Logout_ThenRefreshFails()
    {
        using var client = Platform.CreateClient();
        var email = Platform.NewEmail("flow");

        var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Flow Analyst" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), await login.Content.ReadAsStringAsync());
        var tokens = await ReadAsync(login);

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        var profile = await client.SendAsync(me);
        Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK), await profile.Content.ReadAsStringAsync());
        var user = await ReadAsync(profile);
        Assert.That(user.GetProperty("email").GetString(), Is.EqualTo(email));
        Assert.That(user.GetProperty("roles")[0].GetString(), Is.EqualTo("analyst"));

        var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), await refresh.Content.ReadAsStringAsync());
        var refreshed = await ReadAsync(refresh);
        var latestRefreshToken = refreshed.GetProperty("refreshToken").GetString();

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Content = JsonContent.Create(new { refreshToken = latestRefreshToken }) };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("accessToken").GetString());
        var loggedOut = await client.SendAsync(logout);
        Assert.That(loggedOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await loggedOut.Content.ReadAsStringAsync());

        var afterLogout = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = latestRefreshToken });
        await afterLogout.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Test]
    public async Task TokenEndpoint_PasswordGrant_WorksThroughTheGateway()
    {
        using var client = Platform.CreateClient();
        var email = Platform.NewEmail("oauth");
        (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "OAuth User" })).EnsureSuccessStatusCode();

        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = email, ["password"] = Password, ["client_id"] = "platform-web",
        }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await ReadAsync(response);
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.That(token.Issuer, Is.EqualTo(Platform.Gateway.ToString().TrimEnd('/')));
    }

    [Test]
    public async Task ProtectedRoute_WithoutToken_IsRefusedAtTheGateway()
    {
        using var client = Platform.CreateClient();

        var response = await client.GetAsync("/api/v1/auth/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
    }

    [Test]
    public async Task Discovery_AndKeys_AreServedThroughTheGateway()
    {
        using var client = Platform.CreateClient();

        var discovery = await ReadAsync(await client.GetAsync("/.well-known/openid-configuration"));
        var jwks = await ReadAsync(await client.GetAsync("/.well-known/jwks.json"));
        var openApi = await client.GetAsync("/openapi/identity/v1.json");

        Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo(Platform.Gateway.ToString().TrimEnd('/')));
        Assert.That(jwks.GetProperty("keys").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(openApi.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RequestId_IsEchoedThroughTheGateway()
    {
        using var client = Platform.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add("X-Request-ID", "e2e-correlation-1");

        var response = await client.SendAsync(request);

        Assert.That(response.Headers.GetValues("X-Request-ID").Single(), Is.EqualTo("e2e-correlation-1"));
    }
}
