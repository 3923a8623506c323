using System.Net;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class AccessLogTests
{
    private const string Category = "Gateway.AccessLog";

    private readonly LogCapture _logs = new();
    private GatewayHarness _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = await GatewayHarness.StartAsync(logs: _logs);
        _client = _gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        _logs.Dispose();
    }

    [Test]
    public async Task Get_WhenProxied_LogsOneLineWithTheRequestsFields()
    {
        var token = _gateway.Token("ada-sub");
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42?page=2", token, clientIp: "203.0.113.9");
        request.Headers.Add(RequestIdHeader, "access-log-proxied");
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var line = await _logs.WaitForAsync(entry => entry.Category == Category && (string?)entry["RequestId"] == "access-log-proxied");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(line["Method"], Is.EqualTo("GET"));
            Assert.That(line["Route"], Is.EqualTo("identity-users"));
            Assert.That(line["Path"], Is.EqualTo("/api/v1/users/42"));
            Assert.That(line["Status"], Is.EqualTo(200));
            Assert.That(line["DurationMs"], Is.TypeOf<double>().And.GreaterThanOrEqualTo(0));
            Assert.That(line["UserId"], Is.EqualTo("ada-sub"));
            Assert.That(line["ClientIp"], Is.EqualTo("203.0.113.9"));
            Assert.That(line["Cluster"], Is.EqualTo("identity"));
            // Written off the request's thread, so the trace is a field of its own rather than a scope.
            Assert.That((string?)line["TraceId"], Does.Match("^[0-9a-f]{32}$"));
            Assert.That(_logs.Entries.Count(entry => entry.Category == Category && (string?)entry["RequestId"] == "access-log-proxied"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Get_WhenRefusedBeforeProxying_LogsTheStatusWithoutUserOrUpstream()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/deals/7", clientIp: "203.0.113.10");
        request.Headers.Add(RequestIdHeader, "access-log-refused");
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var line = await _logs.WaitForAsync(entry => entry.Category == Category && (string?)entry["RequestId"] == "access-log-refused");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(line["Route"], Is.EqualTo("deals"));
            Assert.That(line["Status"], Is.EqualTo(401));
            Assert.That(line["UserId"], Is.Null);
            Assert.That(line["Cluster"], Is.Null);
        }
    }

    [Test]
    public async Task Get_WhenAnsweredByTheGateway_LogsTheRoutePattern()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/health/live");
        request.Headers.Add(RequestIdHeader, "access-log-health");
        using var response = await _client.SendAsync(request);

        var line = await _logs.WaitForAsync(entry => entry.Category == Category && (string?)entry["RequestId"] == "access-log-health");

        Assert.That(line["Route"], Is.EqualTo("/health/live"));
    }

    [Test]
    public async Task Requests_WithTokensCookiesAndQuerySecrets_NeverPutThemInAnyLog()
    {
        var token = _gateway.Token("grace-sub");
        const string querySecret = "query-secret-5f1d";
        const string cookieSecret = "cookie-secret-9a2e";
        const string bodySecret = "body-secret-77c3";
        using var proxied = GatewayHarness.Request(HttpMethod.Post, $"/api/v1/users/42?api_key={querySecret}", token);
        proxied.Headers.Add("Cookie", $"session={cookieSecret}");
        proxied.Headers.Add(RequestIdHeader, "access-log-secrets-1");
        proxied.Content = new StringContent($$"""{"password":"{{bodySecret}}"}""", System.Text.Encoding.UTF8, "application/json");
        // A forged token is refused, which is when a careless gateway would log it.
        using var refused = GatewayHarness.Request(HttpMethod.Get, $"/api/v1/users/42?access_token={querySecret}", token + "x");
        refused.Headers.Add(RequestIdHeader, "access-log-secrets-2");

        using var proxiedResponse = await _client.SendAsync(proxied);
        using var refusedResponse = await _client.SendAsync(refused);
        await _logs.WaitForAsync(entry => entry.Category == Category && (string?)entry["RequestId"] == "access-log-secrets-1");
        await _logs.WaitForAsync(entry => entry.Category == Category && (string?)entry["RequestId"] == "access-log-secrets-2");

        var everything = string.Join("\n", _logs.Entries.Select(entry => entry.AllText()));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(proxiedResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refusedResponse.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(everything, Does.Not.Contain(token[^20..]));
            Assert.That(everything, Does.Not.Contain(querySecret));
            Assert.That(everything, Does.Not.Contain(cookieSecret));
            Assert.That(everything, Does.Not.Contain(bodySecret));
        }
    }
}
