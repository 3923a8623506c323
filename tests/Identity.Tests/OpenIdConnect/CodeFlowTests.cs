using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Identity.Tests.OpenIdConnect;

/// <summary>The authorization code flow with PKCE, through the sign-in page, as a browser and a console client perform it.</summary>
public sealed class CodeFlowTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    [Test]
    public async Task CodeFlow_SignsInThroughThePage_AndRedeemsTheCodeForTokens()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst");
        using var browser = new CodeFlowBrowser(Factory);

        var code = await browser.SignInForCodeAsync(user.Email!);
        var (response, body) = await browser.RedeemAsync(code);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var access = new JsonWebToken(body.GetProperty("access_token").GetString());
        var id = new JsonWebToken(body.GetProperty("id_token").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("refresh_token").GetString(), Is.Not.Empty);
            Assert.That(access.Typ, Is.EqualTo("at+jwt"));
            Assert.That(access.Issuer, Is.EqualTo(IdentityApiFactory.Issuer));
            Assert.That(access.Audiences, Is.EqualTo(new[] { "platform-api" }));
            Assert.That(access.Subject, Is.EqualTo(user.Id.ToString()));
            Assert.That(access.GetPayloadValue<string>("client_id"), Is.EqualTo(IdentityApiFactory.ConsoleClientId));
            Assert.That(access.GetPayloadValue<string>("sst"), Has.Length.EqualTo(16));
            Assert.That(access.Claims.Where(c => c.Type == "role").Select(c => c.Value), Is.EqualTo(new[] { "analyst" }));
            Assert.That(id.Issuer, Is.EqualTo(IdentityApiFactory.Issuer));
            Assert.That(id.Audiences, Is.EqualTo(new[] { IdentityApiFactory.ConsoleClientId }));
            Assert.That(id.Subject, Is.EqualTo(user.Id.ToString()));
            Assert.That(id.GetPayloadValue<string>("nonce"), Is.EqualTo("n-" + browser.State));
            Assert.That(id.GetPayloadValue<string>("email"), Is.EqualTo(user.Email));
            Assert.That(id.TryGetPayloadValue<string>("sst", out _), Is.False, "the stamp is for resource servers only");
        });

        // The access token works on the platform's API.
        using var api = Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access.EncodedToken);
        Assert.That((await api.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task CodeFlow_WithTheWrongVerifier_IsRefused()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var code = await browser.SignInForCodeAsync(user.Email!);

        var (response, body) = await browser.RedeemAsync(code, verifier: CodeFlowBrowser.Base64Url(new byte[32]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        Assert.That(body.TryGetProperty("access_token", out _), Is.False);
    }

    [Test]
    public async Task CodeFlow_CodeIsSingleUse()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var code = await browser.SignInForCodeAsync(user.Email!);

        var (first, tokens) = await browser.RedeemAsync(code);
        var (second, body) = await browser.RedeemAsync(code);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        // A replayed code ends what the first redemption issued.
        var (refresh, _) = await browser.TokenAsync(RefreshForm(tokens.GetProperty("refresh_token").GetString()!));
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task CodeFlow_WithAnotherRedirectUriAtTheTokenEndpoint_IsRefused()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var code = await browser.SignInForCodeAsync(user.Email!);

        var (response, body) = await browser.RedeemAsync(code, redirectUri: IdentityApiFactory.ConsoleRedirectUri + "/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }

    [TestCase("http://127.0.0.1:8080/console/callback/")]
    [TestCase("http://127.0.0.1:8080/console/callback?x=1")]
    [TestCase("http://127.0.0.1:8080/console/CALLBACK")]
    [TestCase("https://attacker.example/console/callback")]
    public async Task Authorize_WithARedirectUriNotRegisteredExactly_NeverRedirectsThere(string redirectUri)
    {
        using var browser = new CodeFlowBrowser(Factory);

        var response = await browser.Http.GetAsync(browser.AuthorizeUrl(redirectUri: redirectUri));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
    }

    [TestCase("plain")]
    [TestCase(null)]
    public async Task Authorize_WithoutS256Pkce_IsRefusedWithoutACode(string? method)
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);

        var response = await browser.Http.GetAsync(browser.AuthorizeUrl(challengeMethod: method, challenge: method == "plain" ? browser.Verifier : null));

        // Refused at identity, before any sign-in or redirect: no code can exist without an S256 challenge.
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(body, Does.Contain("invalid_request").And.Contain("code_challenge"));
    }

    [Test]
    public async Task Authorize_ForAnUnknownClient_IsRefusedHere()
    {
        using var browser = new CodeFlowBrowser(Factory);

        var response = await browser.Http.GetAsync(browser.AuthorizeUrl(clientId: "no-such-client"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
    }

    [Test]
    public async Task Authorize_WithPromptNone_AndNoSession_ReturnsLoginRequired()
    {
        using var browser = new CodeFlowBrowser(Factory);

        var response = await browser.Http.GetAsync(browser.AuthorizeUrl(prompt: "none"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.That(query["error"].ToString(), Is.EqualTo("login_required"));
    }

    [Test]
    public async Task SignedInBrowser_GetsACodeWithoutTheFormAgain_UntilLogOutEverywhereEndsTheSession()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var code = await browser.SignInForCodeAsync(user.Email!);
        var (_, tokens) = await browser.RedeemAsync(code);

        // Signed in: straight back to the client.
        await browser.FollowToCodeAsync(browser.AuthorizeUrl());

        using var api = Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        Assert.That((await api.PostAsync("/api/v1/auth/logout", JsonContent("""{"allSessions":true}"""))).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var again = await browser.Http.GetAsync(browser.AuthorizeUrl());
        Assert.That(again.Headers.Location!.OriginalString, Does.StartWith("/account/login"), "the browser session ended with the others");
        var (refresh, _) = await browser.TokenAsync(RefreshForm(tokens.GetProperty("refresh_token").GetString()!));
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task EndSession_EndsTheBrowserSession()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        await browser.SignInForCodeAsync(user.Email!);

        var end = await browser.Http.GetAsync("/connect/endsession?client_id=test-console&post_logout_redirect_uri=" + Uri.EscapeDataString("http://127.0.0.1:8080/console/"));

        Assert.That(end.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(end.Headers.Location!.ToString(), Does.StartWith("http://127.0.0.1:8080/console/"));
        var again = await browser.Http.GetAsync(browser.AuthorizeUrl());
        Assert.That(again.Headers.Location!.OriginalString, Does.StartWith("/account/login"));
    }

    internal static Dictionary<string, string> RefreshForm(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = IdentityApiFactory.ConsoleClientId,
    };

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
