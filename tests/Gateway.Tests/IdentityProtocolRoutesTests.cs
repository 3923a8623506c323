using System.Net;
using System.Security.Cryptography;
using System.Text;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

/// <summary>
/// Identity's OpenID Connect endpoints and sign-in page: routed to identity only, anonymously, with
/// only the methods each serves; the page gets a policy that lets it load its own stylesheet, and
/// what identity says about caching reaches the client untouched.
/// </summary>
public sealed class IdentityProtocolRoutesTests
{
    private const string PagePolicy = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    private GatewayHarness _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Only identity answers: a request that reached another cluster would get 502, not the echo.
        _gateway = await GatewayHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["ReverseProxy:Clusters:deals:Destinations:primary:Address"] = "http://127.0.0.1:1/",
                ["ReverseProxy:Clusters:alerts:Destinations:primary:Address"] = "http://127.0.0.1:1/",
            },
            new EchoBackendOptions { EchoResponseHeaders = new Dictionary<string, string> { ["Cache-Control"] = "no-store", ["Pragma"] = "no-cache" } });
        _client = _gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [TestCase("GET", "/connect/authorize?response_type=code&client_id=web&code_challenge=abc&code_challenge_method=S256")]
    [TestCase("POST", "/connect/authorize")]
    [TestCase("POST", "/connect/token")]
    [TestCase("GET", "/connect/userinfo")]
    [TestCase("POST", "/connect/userinfo")]
    [TestCase("POST", "/connect/revoke")]
    [TestCase("POST", "/connect/introspect")]
    [TestCase("GET", "/connect/endsession?post_logout_redirect_uri=https%3A%2F%2Fapp.example.test%2F")]
    [TestCase("POST", "/connect/endsession")]
    [TestCase("GET", "/account/login?returnUrl=%2Fconnect%2Fauthorize%3Fclient_id%3Dweb")]
    [TestCase("POST", "/account/login")]
    [TestCase("GET", "/account/site.css")]
    [TestCase("GET", "/.well-known/openid-configuration")]
    [TestCase("GET", "/.well-known/jwks.json")]
    public async Task Request_ToAnIdentityProtocolRoute_ReachesIdentityWithoutAToken(string method, string target)
    {
        using var request = Request(method, target);
        using var response = await _client.SendAsync(request);

        if (target.StartsWith("/.well-known/jwks.json", StringComparison.Ordinal))
        {
            // The backend serves its JWKS there rather than an echo.
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            return;
        }

        var echo = await ReadEchoAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo.Method, Is.EqualTo(method));
            Assert.That(echo.Path + echo.Query, Is.EqualTo(target));
            Assert.That(echo.Header("Authorization"), Is.Null);
        }
    }

    [Test]
    public async Task Get_UserInfoWithABearerToken_PassesTheTokenToIdentityToCheck()
    {
        // Identity answers a bad or missing token itself, with the protocol's WWW-Authenticate error.
        using var request = GatewayHarness.Request(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new("Bearer", "not-a-jwt-identity-checks-it");
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.Header("Authorization"), Is.EqualTo("Bearer not-a-jwt-identity-checks-it"));
    }

    [TestCase("GET", "/connect/token")]
    [TestCase("GET", "/connect/revoke")]
    [TestCase("GET", "/connect/introspect")]
    [TestCase("PUT", "/connect/authorize")]
    [TestCase("DELETE", "/connect/userinfo")]
    [TestCase("PUT", "/account/login")]
    [TestCase("POST", "/account/site.css")]
    public async Task Request_WithAMethodTheRouteDoesNotList_IsNotProxied(string method, string path)
    {
        using var response = await _client.SendAsync(GatewayHarness.Request(new HttpMethod(method), path, _gateway.Token()));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "request.method_not_allowed");
    }

    [TestCase("/api/v1/users")]
    [TestCase("/api/v1/users/42")]
    [TestCase("/connect/register")]
    [TestCase("/account/manage")]
    [TestCase("/account/site.css.map")]
    public async Task Get_WhatIsNotAnAnonymousIdentityRoute_StillNeedsAToken(string path)
    {
        using var response = await _client.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Post_AccountLoginForm_IsForwardedIntactAfterReadingTheAccount()
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, "/account/login");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "Ada@Example.test",
            ["password"] = "p@ss w&rd=\r\n\tcafé 📈",
            ["returnUrl"] = "/connect/authorize?client_id=web&code_challenge=abc",
            ["__RequestVerificationToken"] = "CfDJ8-opaque_token",
        });
        var body = await request.Content.ReadAsStringAsync();
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo.BodySha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))));
            Assert.That(echo.Header("Content-Type"), Is.EqualTo("application/x-www-form-urlencoded"));
        }
    }

    [TestCase("GET", "/account/login?returnUrl=%2F")]
    [TestCase("POST", "/account/login")]
    [TestCase("GET", "/account/site.css")]
    [TestCase("GET", "/connect/authorize?client_id=web")]
    [TestCase("POST", "/connect/authorize")]
    public async Task Response_OnTheSignInPage_MayLoadItsOwnStylesheetAndNothingElse(string method, string target)
    {
        using var request = Request(method, target);
        using var response = await _client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(SingleHeader(response, "Content-Security-Policy"), Is.EqualTo(PagePolicy));
            // The form posts to identity, which redirects to the client's own origin: form-action would block that.
            Assert.That(SingleHeader(response, "Content-Security-Policy"), Does.Not.Contain("form-action"));
            Assert.That(SingleHeader(response, "X-Frame-Options"), Is.EqualTo("DENY"));
        }
    }

    [TestCase("/api/v1/users/42", true)]
    [TestCase("/connect/userinfo", false)]
    [TestCase("/account/manage", false)]
    public async Task Response_OffTheSignInPage_KeepsTheApiPolicy(string path, bool authenticated)
    {
        using var response = await _client.SendAsync(GatewayHarness.Request(HttpMethod.Get, path, authenticated ? _gateway.Token() : null));

        Assert.That(SingleHeader(response, "Content-Security-Policy"), Is.EqualTo(ApiPolicy));
    }

    [TestCase("POST", "/connect/token")]
    [TestCase("GET", "/connect/authorize?client_id=web")]
    [TestCase("GET", "/connect/userinfo")]
    [TestCase("GET", "/account/login?returnUrl=%2F")]
    [TestCase("POST", "/account/login")]
    public async Task Response_FromIdentity_KeepsItsNoStoreAndIsNeverServedFromACache(string method, string target)
    {
        HttpRequestMessage Numbered(string requestId)
        {
            var request = Request(method, target);
            request.Headers.Add(RequestIdHeader, requestId);
            return request;
        }

        using var first = await _client.SendAsync(Numbered("first-request"));
        using var second = await _client.SendAsync(Numbered("second-request"));

        var firstEcho = await ReadEchoAsync(first);
        var secondEcho = await ReadEchoAsync(second);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SingleHeader(first, "Cache-Control"), Is.EqualTo("no-store"));
            Assert.That(SingleHeader(first, "Pragma"), Is.EqualTo("no-cache"));
            // Each answer is identity's answer to that request.
            Assert.That(firstEcho.Header(RequestIdHeader), Is.EqualTo("first-request"));
            Assert.That(secondEcho.Header(RequestIdHeader), Is.EqualTo("second-request"));
        }
    }

    [Test]
    public async Task Get_SignInPage_IsNotCompressedEvenWhenTheClientAsks()
    {
        // The page carries an anti-forgery token next to the reflected returnUrl, behind identity's cookies:
        // the one shape BREACH needs, so HTML stays out of the compressed types.
        await using var gateway = await GatewayHarness.StartAsync(backendOptions: new EchoBackendOptions
        {
            EchoResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "text/html; charset=utf-8", ["Cache-Control"] = "no-store" },
        });
        using var client = gateway.CreateClient();
        using var request = GatewayHarness.Request(HttpMethod.Get, "/account/login?returnUrl=%2F");
        request.Headers.Add("Accept-Encoding", "gzip, br");
        using var response = await client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(SingleHeader(response, "Content-Encoding"), Is.Null);
            Assert.That(SingleHeader(response, "Cache-Control"), Is.EqualTo("no-store"));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"path\":\"/account/login\""));
        }
    }

    /// <summary>A POST carries a form naming an account (the sign-in routes read one) and a token (revoke, introspect).</summary>
    private static HttpRequestMessage Request(string method, string target)
    {
        var request = GatewayHarness.Request(new HttpMethod(method), target);
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "web",
                ["token"] = "opaque",
                ["grant_type"] = "password",
                ["username"] = "ada@example.test",
                ["email"] = "ada@example.test",
            });
        }

        return request;
    }
}
