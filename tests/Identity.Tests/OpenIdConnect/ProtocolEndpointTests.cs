using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Identity.Tests.OpenIdConnect;

/// <summary>Discovery, refresh rotation, revocation (RFC 7009), introspection (RFC 7662), userinfo and the grants each client may use.</summary>
public sealed class ProtocolEndpointTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    [Test]
    public async Task Discovery_SatisfiesAnOidcClient_AndDoesNotAdvertiseThePasswordGrant()
    {
        using var client = Factory.CreateClient();
        var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        string[] Values(string name) => discovery.GetProperty(name).EnumerateArray().Select(v => v.GetString()!).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo(IdentityApiFactory.Issuer));
            Assert.That(discovery.GetProperty("authorization_endpoint").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/connect/authorize"));
            Assert.That(discovery.GetProperty("token_endpoint").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/connect/token"));
            Assert.That(discovery.GetProperty("revocation_endpoint").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/connect/revoke"));
            Assert.That(discovery.GetProperty("introspection_endpoint").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/connect/introspect"));
            Assert.That(discovery.GetProperty("userinfo_endpoint").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/connect/userinfo"));
            Assert.That(discovery.GetProperty("end_session_endpoint").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/connect/endsession"));
            Assert.That(discovery.GetProperty("jwks_uri").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/.well-known/jwks.json"));
            Assert.That(Values("response_types_supported"), Does.Contain("code"));
            Assert.That(Values("code_challenge_methods_supported"), Is.EqualTo(new[] { "S256" }));
            Assert.That(Values("subject_types_supported"), Is.EqualTo(new[] { "public" }));
            Assert.That(Values("grant_types_supported"), Is.EquivalentTo(new[] { "authorization_code", "refresh_token", "client_credentials" }));
            Assert.That(Values("id_token_signing_alg_values_supported"), Is.EqualTo(new[] { "RS256" }));
        });
    }

    [Test]
    public async Task Discovery_IsReadByTheStandardOpenIdConnectConfigurationRetriever()
    {
        // What ASP.NET Core's OpenID Connect handler and JwtBearer use: discovery, then the JWKS it names.
        using var http = Factory.CreateClient();
        var retriever = new Microsoft.IdentityModel.Protocols.HttpDocumentRetriever(http) { RequireHttps = false };

        var configuration = await Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfigurationRetriever.GetAsync(
            IdentityApiFactory.Issuer + "/.well-known/openid-configuration", retriever, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(configuration.Issuer, Is.EqualTo(IdentityApiFactory.Issuer));
            Assert.That(configuration.AuthorizationEndpoint, Is.EqualTo(IdentityApiFactory.Issuer + "/connect/authorize"));
            Assert.That(configuration.EndSessionEndpoint, Is.EqualTo(IdentityApiFactory.Issuer + "/connect/endsession"));
            Assert.That(configuration.CodeChallengeMethodsSupported, Is.EqualTo(new[] { "S256" }));
            Assert.That(configuration.GrantTypesSupported, Does.Not.Contain("password"));
            Assert.That(configuration.SigningKeys, Is.Not.Empty, "the JWKS named by jwks_uri was fetched and parsed");
        });
    }

    [Test]
    public async Task Jwks_PublishesTheSigningKeyWithoutPrivateParts()
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync("/.well-known/jwks.json");
        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys");

        Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromMinutes(1)));

        Assert.That(keys.GetArrayLength(), Is.GreaterThanOrEqualTo(1));
        foreach (var key in keys.EnumerateArray())
        {
            Assert.That(key.GetProperty("kty").GetString(), Is.EqualTo("RSA"));
            Assert.That(key.TryGetProperty("d", out _), Is.False, "no private exponent");
            Assert.That(key.TryGetProperty("p", out _), Is.False);
        }
    }

    [Test]
    public async Task Refresh_RotatesTheToken_AndReuseEndsTheWholeSession()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var (_, tokens) = await browser.RedeemAsync(await browser.SignInForCodeAsync(user.Email!));
        var first = tokens.GetProperty("refresh_token").GetString()!;

        var (rotated, second) = await browser.TokenAsync(CodeFlowTests.RefreshForm(first));
        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), second.ToString());
        var next = second.GetProperty("refresh_token").GetString()!;
        Assert.That(next, Is.Not.EqualTo(first));

        // The spent token again: refused, and the successor dies with it (the thief or the user, whoever is first, is stopped).
        var (reused, error) = await browser.TokenAsync(CodeFlowTests.RefreshForm(first));
        var (successor, _) = await browser.TokenAsync(CodeFlowTests.RefreshForm(next));

        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        Assert.That(successor.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Revocation_OfARefreshToken_StopsItsUse()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var (_, tokens) = await browser.RedeemAsync(await browser.SignInForCodeAsync(user.Email!));
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        var revoke = await browser.Http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = refresh, ["token_type_hint"] = "refresh_token", ["client_id"] = IdentityApiFactory.ConsoleClientId,
        }));

        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var (after, _) = await browser.TokenAsync(CodeFlowTests.RefreshForm(refresh));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Introspection_ForAConfidentialClient_TellsActiveAndInactive()
    {
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = ServiceBasic();
        var token = await ServiceTokenAsync(client);

        var active = await IntrospectAsync(client, token);
        var garbage = await IntrospectAsync(client, "not-a-token");

        Assert.That(active.GetProperty("active").GetBoolean(), Is.True, active.ToString());
        Assert.That(active.GetProperty("client_id").GetString(), Is.EqualTo(IdentityApiFactory.ServiceClientId));
        Assert.That(garbage.GetProperty("active").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Introspection_ByAPublicClient_DisclosesNothing()
    {
        // RFC 7662 lets the server answer "inactive" to a caller it will not tell: even a live token of
        // the public client's own user stays opaque to it.
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var (_, tokens) = await browser.RedeemAsync(await browser.SignInForCodeAsync(user.Email!));

        var response = await browser.Http.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.GetProperty("access_token").GetString()!, ["client_id"] = IdentityApiFactory.ConsoleClientId,
        }));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(body.TryGetProperty("active", out var active) && active.GetBoolean(), Is.False, body.ToString());
        Assert.That(body.TryGetProperty("sub", out _), Is.False);
    }

    [Test]
    public async Task UserInfo_ReturnsTheClaimsOfTheGrantedScopes_AndRefusesARevokedSession()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "reviewer");
        using var browser = new CodeFlowBrowser(Factory);
        var (_, tokens) = await browser.RedeemAsync(await browser.SignInForCodeAsync(user.Email!));
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        var info = JsonDocument.Parse(await client.GetStringAsync("/connect/userinfo")).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(info.GetProperty("sub").GetString(), Is.EqualTo(user.Id.ToString()));
            Assert.That(info.GetProperty("email").GetString(), Is.EqualTo(user.Email));
            Assert.That(info.GetProperty("name").GetString(), Is.EqualTo(user.DisplayName));
            Assert.That(info.GetProperty("role").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "reviewer" }));
        });

        await client.PostAsync("/api/v1/auth/logout", new StringContent("""{"allSessions":true}""", Encoding.UTF8, "application/json"));
        var after = await client.GetAsync("/connect/userinfo");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ClientCredentials_GivesAServiceTokenWithScopesAndNoRoleOrStamp()
    {
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = ServiceBasic();

        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(await ServiceTokenAsync(client, "deals.read"));

        Assert.That(token.Subject, Is.EqualTo(IdentityApiFactory.ServiceClientId));
        Assert.That(token.GetPayloadValue<string>("scope"), Is.EqualTo("deals.read"));
        Assert.That(token.Claims.Any(c => c.Type == "role"), Is.False);
        Assert.That(token.Claims.Any(c => c.Type == "sst"), Is.False);
    }

    [TestCase(IdentityApiFactory.ConsoleClientId, null)]
    [TestCase(IdentityApiFactory.ServiceClientId, "secret")]
    public async Task PasswordGrant_ForAnyClientButTheFirstPartyOne_IsRefused(string clientId, string? secret)
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var client = Factory.CreateClient();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = user.Email!, ["password"] = IdentityApiFactory.Password, ["client_id"] = clientId,
        };
        if (secret is not null)
        {
            form["client_secret"] = IdentityApiFactory.ServiceClientSecret;
        }

        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("unauthorized_client"));
    }

    private static AuthenticationHeaderValue ServiceBasic() => new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IdentityApiFactory.ServiceClientId}:{IdentityApiFactory.ServiceClientSecret}")));

    private static async Task<string> ServiceTokenAsync(HttpClient client, string scope = "platform-api")
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["scope"] = scope,
        }));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<JsonElement> IntrospectAsync(HttpClient client, string token)
    {
        var response = await client.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
