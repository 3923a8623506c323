using System.Net;
using System.Net.Http.Json;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

/// <summary>Each test gets a fresh gateway with a Redis key prefix of its own, so its buckets start full.</summary>
public sealed class RateLimitingTests
{
    private const int Limit = 3;

    private GatewayHarness? _gateway;
    private HttpClient? _client;

    [TearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Test]
    public async Task Get_WhenGlobalLimitExceeded_Returns429ProblemWithRetryAfter()
    {
        var client = await StartAsync(("RateLimiting:PermitsPerMinute", "3"));
        await SpendAsync(() => GatewayHarness.Request(HttpMethod.Get, "/.well-known/openid-configuration"));

        using var response = await client.GetAsync("/.well-known/openid-configuration");

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        AssertSecurityHeaders(response);
        // One token comes back every 60/3 = 20 seconds.
        Assert.That(int.Parse(SingleHeader(response, "Retry-After")!), Is.InRange(1, 20));
    }

    [Test]
    public async Task Get_WhenOneUserExhaustsLimit_AnotherUserFromTheSameAddressIsServed()
    {
        var client = await StartAsync(("RateLimiting:PermitsPerMinute", "3"));
        var ada = _gateway!.Token("ada");
        await SpendAsync(() => GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", ada));

        using var adaAgain = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", ada));
        using var grace = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", _gateway.Token("grace")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(adaAgain.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(grace.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Get_WhenAnonymousAddressExhaustsLimit_OtherAddressIsServedAndForwardedForIsIgnored()
    {
        var client = await StartAsync(("RateLimiting:PermitsPerMinute", "3"));
        await SpendAsync(() => GatewayHarness.Request(HttpMethod.Get, "/.well-known/jwks.json", clientIp: "203.0.113.7"));

        using var spoofed = GatewayHarness.Request(HttpMethod.Get, "/.well-known/jwks.json", clientIp: "203.0.113.7");
        spoofed.Headers.Add("X-Forwarded-For", "198.51.100.1");
        using var spoofedResponse = await client.SendAsync(spoofed);
        using var other = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/.well-known/jwks.json", clientIp: "203.0.113.8"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(spoofedResponse.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Get_ThroughATrustedProxy_LimitsEachForwardedClientSeparately()
    {
        var client = await StartAsync(("RateLimiting:PermitsPerMinute", "3"), ("Gateway:TrustedProxies:0", "10.0.0.0/8"));
        HttpRequestMessage ViaProxy(string forwardedFor)
        {
            var request = GatewayHarness.Request(HttpMethod.Get, "/.well-known/jwks.json", clientIp: "10.1.2.3");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return request;
        }

        await SpendAsync(() => ViaProxy("198.51.100.1"));

        using var sameClient = await client.SendAsync(ViaProxy("198.51.100.1"));
        using var otherClient = await client.SendAsync(ViaProxy("198.51.100.2"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sameClient.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    // The JSON login, identity's sign-in form and the token endpoint's password grant count on one budget.
    [TestCase(SignInKind.Json)]
    [TestCase(SignInKind.Form)]
    public async Task SignIn_WhenOneAccountExceedsLimit_Returns429ForThatAccountOnly(SignInKind kind)
    {
        var client = await StartAsync(("RateLimiting:LoginPermitsPerMinute", "3"), ("RateLimiting:LoginPermitsPerMinutePerIp", "100"));
        // Case and surrounding spaces do not make another account.
        string[] spellings = ["ada@example.test", " ADA@example.test", "Ada@Example.Test "];
        foreach (var email in spellings)
        {
            using var allowed = await client.SendAsync(SignIn(kind, email));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var again = await client.SendAsync(SignIn(kind, "ada@example.test"));
        using var viaJson = await client.SendAsync(Login("ada@example.test"));
        using var viaForm = await client.SendAsync(SignInForm("ada@example.test"));
        using var viaTokenEndpoint = await client.SendAsync(PasswordGrant("ada@example.test"));
        // A token-style username in the form changes nothing: the page signs in to the email.
        using var disguised = await client.SendAsync(SignInForm("ada@example.test", extra: ("username", "someone-else@example.test")));
        using var otherAccount = await client.SendAsync(SignIn(kind, "grace@example.test"));

        await again.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SingleHeader(again, "Retry-After"), Is.Not.Null);
            Assert.That(viaJson.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(viaForm.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(viaTokenEndpoint.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(disguised.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(otherAccount.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [TestCase(SignInKind.Json)]
    [TestCase(SignInKind.Form)]
    public async Task SignIn_WhenOneAddressExceedsLimit_Returns429ForEveryAccountFromThatAddress(SignInKind kind)
    {
        var client = await StartAsync(("RateLimiting:LoginPermitsPerMinute", "100"), ("RateLimiting:LoginPermitsPerMinutePerIp", "3"));
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            using var allowed = await client.SendAsync(SignIn(kind, $"user{attempt}@example.test", "192.0.2.1"));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var fourthAccount = await client.SendAsync(SignIn(kind, "user9@example.test", "192.0.2.1"));
        using var register = await client.SendAsync(Register("new@example.test", "192.0.2.1"));
        using var viaForm = await client.SendAsync(SignInForm("user8@example.test", "192.0.2.1"));
        using var otherAddress = await client.SendAsync(SignIn(kind, "user9@example.test", "192.0.2.2"));
        // Showing the sign-in page is not an attempt.
        using var page = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/account/login?returnUrl=%2F", clientIp: "192.0.2.1"));

        await fourthAccount.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(viaForm.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(otherAddress.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task SignInForm_WhoseBodyIsRefused_StillCountsAgainstTheAddress()
    {
        var client = await StartAsync(("RateLimiting:LoginPermitsPerMinute", "100"), ("RateLimiting:LoginPermitsPerMinutePerIp", "3"));
        string[] unreadable = ["email=ada%00@example.test&password=guess", "email=ada%FF@example.test&password=guess", "email=a@example.test&email=b@example.test"];
        foreach (var body in unreadable)
        {
            using var request = GatewayHarness.Request(HttpMethod.Post, "/account/login", clientIp: "192.0.2.3");
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
            using var refused = await client.SendAsync(request);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        }

        using var readable = await client.SendAsync(SignInForm("ada@example.test", "192.0.2.3"));

        await readable.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
    }

    [Test]
    public async Task Refresh_WhenLoginLimitExhausted_IsStillServed()
    {
        var client = await StartAsync(("RateLimiting:LoginPermitsPerMinutePerIp", "3"));
        await SpendAsync(() => Login("ada@example.test"));

        using var refresh = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh") { Content = JsonContent.Create(new { refreshToken = "opaque" }) };
        using var response = await client.SendAsync(refresh);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<HttpClient> StartAsync(params (string Name, string Value)[] settings)
    {
        _gateway = await GatewayHarness.StartAsync(settings.ToDictionary(setting => setting.Name, setting => (string?)setting.Value));
        _client = _gateway.CreateClient();
        return _client;
    }

    private async Task SpendAsync(Func<HttpRequestMessage> request)
    {
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            using var message = request();
            using var response = await _client!.SendAsync(message);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {attempt + 1} of {Limit}");
        }
    }

    public enum SignInKind
    {
        /// <summary><c>POST /api/v1/auth/login</c>, JSON.</summary>
        Json,

        /// <summary><c>POST /account/login</c>, identity's sign-in form.</summary>
        Form,
    }

    private static HttpRequestMessage SignIn(SignInKind kind, string email, string? clientIp = null) =>
        kind == SignInKind.Json ? Login(email, clientIp) : SignInForm(email, clientIp);

    private static HttpRequestMessage Login(string email, string? clientIp = null)
    {
        var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/auth/login", clientIp: clientIp);
        request.Content = JsonContent.Create(new { email, password = "secret" });
        return request;
    }

    private static HttpRequestMessage Register(string email, string? clientIp = null)
    {
        var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/auth/register", clientIp: clientIp);
        request.Content = JsonContent.Create(new { email, password = "secret", displayName = "New" });
        return request;
    }

    private static HttpRequestMessage SignInForm(string email, string? clientIp = null, (string Name, string Value)? extra = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = "secret",
            ["returnUrl"] = "/connect/authorize?client_id=web",
            ["__RequestVerificationToken"] = "opaque",
        };
        if (extra is var (name, value))
        {
            fields[name] = value;
        }

        var request = GatewayHarness.Request(HttpMethod.Post, "/account/login", clientIp: clientIp);
        request.Content = new FormUrlEncodedContent(fields);
        return request;
    }

    private static HttpRequestMessage PasswordGrant(string username)
    {
        var request = GatewayHarness.Request(HttpMethod.Post, "/connect/token");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = "secret",
        });
        return request;
    }
}
