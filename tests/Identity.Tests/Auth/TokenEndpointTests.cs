using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Identity.Tests.Auth;

public sealed class TokenEndpointTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostFormAsync(
        IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? authorization = null)
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static Dictionary<string, string> PasswordGrant(string username, string password) =>
        new() { ["grant_type"] = "password", ["username"] = username, ["password"] = password, ["client_id"] = "platform-web" };

    [Test]
    public async Task PasswordGrant_WithValidCredentials_ReturnsRfc6749TokenResponse()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst", "reviewer");

        var (response, body) = await PostFormAsync(PasswordGrant(user.Email!, IdentityApiFactory.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
            // Seconds left, counted by OpenIddict after issuing: 900 or, a moment later, 899.
            Assert.That(body.GetProperty("expires_in").GetInt32(), Is.InRange(899, 900));
            Assert.That(body.GetProperty("refresh_token").GetString(), Has.Length.GreaterThanOrEqualTo(43));
            Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo("platform-api offline_access"));
        });

        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(token.Typ, Is.EqualTo("at+jwt"));
            Assert.That(token.Alg, Is.EqualTo("RS256"));
            Assert.That(token.Kid, Is.Not.Empty);
            Assert.That(token.Issuer, Is.EqualTo(IdentityApiFactory.Issuer));
            Assert.That(token.Audiences, Is.EqualTo(new[] { "platform-api" }));
            Assert.That(token.Subject, Is.EqualTo(user.Id.ToString()));
            Assert.That(token.Id, Is.Not.Empty);
            Assert.That(token.GetPayloadValue<string>("email"), Is.EqualTo(user.Email));
            Assert.That(token.GetPayloadValue<string>("scope"), Is.EqualTo("platform-api offline_access"));
            Assert.That(token.GetPayloadValue<string>("client_id"), Is.EqualTo("platform-web"));
            Assert.That(token.GetPayloadValue<string>("sst"), Has.Length.EqualTo(16));
            Assert.That(token.Claims.Where(c => c.Type == "role").Select(c => c.Value), Is.EquivalentTo(new[] { "analyst", "reviewer" }));
            Assert.That(token.ValidTo - token.IssuedAt, Is.EqualTo(TimeSpan.FromMinutes(15)));
        });
    }

    [Test]
    public async Task PasswordGrant_WithWrongPassword_ReturnsInvalidGrant()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());

        var (response, body) = await PostFormAsync(PasswordGrant(user.Email!, "not the password at all"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task PasswordGrant_ForUnknownUser_AnswersExactlyLikeAWrongPassword()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var (_, wrongPassword) = await PostFormAsync(PasswordGrant(user.Email!, "not the password at all"));

        var (response, unknownUser) = await PostFormAsync(PasswordGrant(IdentityApiFactory.NewEmail("nobody"), "not the password at all"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownUser.ToString(), Is.EqualTo(wrongPassword.ToString()));
    }

    [Test]
    public async Task TokenEndpoint_WithoutGrantType_ReturnsInvalidRequest()
    {
        var (response, body) = await PostFormAsync(new Dictionary<string, string> { ["username"] = "x" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
    }

    [Test]
    public async Task TokenEndpoint_WithUnknownGrantType_ReturnsUnsupportedGrantType()
    {
        var (response, body) = await PostFormAsync(new Dictionary<string, string> { ["grant_type"] = "urn:example:not-a-grant" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("unsupported_grant_type"));
    }

    [Test]
    public async Task TokenEndpoint_WithJsonBody_ReturnsInvalidRequest()
    {
        using var client = Factory.CreateClient();
        var response = await client.PostAsync("/connect/token", new StringContent("{\"grant_type\":\"password\"}", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
    }

    [Test]
    public async Task PasswordGrant_WithMissingPassword_ReturnsInvalidRequest()
    {
        var (response, body) = await PostFormAsync(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "a@b.test" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
    }

    [Test]
    public async Task PasswordGrant_ForClientWithoutThatGrant_ReturnsUnauthorizedClient()
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "a@b.test", ["password"] = "whatever-long-enough",
            ["client_id"] = IdentityApiFactory.ServiceClientId, ["client_secret"] = IdentityApiFactory.ServiceClientSecret,
        };

        var (response, body) = await PostFormAsync(form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("unauthorized_client"));
    }

    [Test]
    public async Task ClientCredentials_WithBasicAuthentication_ReturnsAccessTokenOnly()
    {
        var basic = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IdentityApiFactory.ServiceClientId}:{IdentityApiFactory.ServiceClientSecret}")));

        var (response, body) = await PostFormAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "deals.read" }, basic);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.TryGetProperty("refresh_token", out _), Is.False, "RFC 6749 §4.4.3: no refresh token");
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(token.Subject, Is.EqualTo(IdentityApiFactory.ServiceClientId));
            Assert.That(token.GetPayloadValue<string>("scope"), Is.EqualTo("deals.read"));
            Assert.That(token.Typ, Is.EqualTo("at+jwt"));
        });
    }

    [Test]
    public async Task ClientCredentials_WithSecretInBody_ReturnsAllAllowedScopes()
    {
        var (response, body) = await PostFormAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = IdentityApiFactory.ServiceClientId, ["client_secret"] = IdentityApiFactory.ServiceClientSecret,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo("platform-api deals.read"));
    }

    [Test]
    public async Task ClientCredentials_WithWrongSecret_ReturnsInvalidClientWithChallenge()
    {
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IdentityApiFactory.ServiceClientId}:wrong")));

        var (response, body) = await PostFormAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, basic);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic"));
    }

    [Test]
    public async Task ClientCredentials_WithScopeNotAllowed_ReturnsInvalidScope()
    {
        var (response, body) = await PostFormAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = IdentityApiFactory.ServiceClientId,
            ["client_secret"] = IdentityApiFactory.ServiceClientSecret, ["scope"] = "admin.everything",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_scope"));
    }

    [Test]
    public async Task ClientCredentials_ForPublicClient_IsRefused()
    {
        // A public client has no secret to prove itself with: OpenIddict asks for one.
        var (response, body) = await PostFormAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "platform-web" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        Assert.That(body.TryGetProperty("access_token", out _), Is.False);
    }

    [Test]
    public async Task RefreshGrant_WithValidToken_IssuesNewPairAndSpendsTheOld()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var (_, first) = await PostFormAsync(PasswordGrant(user.Email!, IdentityApiFactory.Password));
        var refresh = first.GetProperty("refresh_token").GetString()!;

        var (response, second) = await PostFormAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = "platform-web",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), second.ToString());
        Assert.That(second.GetProperty("refresh_token").GetString(), Is.Not.EqualTo(refresh));
        Assert.That(second.GetProperty("access_token").GetString(), Is.Not.EqualTo(first.GetProperty("access_token").GetString()));
    }

    [Test]
    public async Task PasswordGrant_ForUnknownClient_ReturnsInvalidClient()
    {
        var form = PasswordGrant("a@b.test", "whatever-long-enough");
        form["client_id"] = "no-such-client";

        var (response, body) = await PostFormAsync(form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
    }

    [Test]
    public async Task RefreshGrant_WithoutRefreshToken_ReturnsInvalidRequest()
    {
        var (response, body) = await PostFormAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = "platform-web" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
    }

    [Test]
    public async Task TokenEndpoint_WithCredentialsInHeaderAndBody_ReturnsInvalidRequest()
    {
        var basic = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IdentityApiFactory.ServiceClientId}:{IdentityApiFactory.ServiceClientSecret}")));

        var (response, body) = await PostFormAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_secret"] = IdentityApiFactory.ServiceClientSecret,
        }, basic);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
    }

    [Test]
    public async Task RefreshGrant_WithUsedToken_ReturnsInvalidGrant()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var (_, first) = await PostFormAsync(PasswordGrant(user.Email!, IdentityApiFactory.Password));
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = first.GetProperty("refresh_token").GetString()!, ["client_id"] = "platform-web",
        };
        await PostFormAsync(refresh);

        var (response, body) = await PostFormAsync(refresh);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task RefreshGrant_FromAnotherClient_ReturnsInvalidGrant()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var (_, first) = await PostFormAsync(PasswordGrant(user.Email!, IdentityApiFactory.Password));

        var (response, body) = await PostFormAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
            ["client_id"] = IdentityApiFactory.ServiceClientId, ["client_secret"] = IdentityApiFactory.ServiceClientSecret,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.AnyOf("invalid_grant", "unauthorized_client"));
    }
}
