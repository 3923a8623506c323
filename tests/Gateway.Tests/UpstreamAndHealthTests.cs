using System.Net;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class UpstreamAndHealthTests
{
    private GatewayHarness? _gateway;

    [TearDown]
    public async Task StopAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Test]
    public async Task Get_WhenServiceDown_Returns502Problem()
    {
        _gateway = await GatewayHarness.StartAsync();
        await _gateway.StopBackendAsync();
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync("/.well-known/openid-configuration");

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "upstream.unavailable");
        AssertSecurityHeaders(response);
    }

    [Test]
    public async Task HealthLive_WhenServiceDown_IsHealthy()
    {
        _gateway = await GatewayHarness.StartAsync();
        await _gateway.StopBackendAsync();
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("127.0.0.1", HttpStatusCode.OK)]
    [TestCase("::1", HttpStatusCode.OK)]
    [TestCase("203.0.113.7", HttpStatusCode.NotFound)]
    [TestCase("10.1.2.3", HttpStatusCode.NotFound)]
    public async Task Metrics_AreScrapedFromTheAllowedNetworksOnly(string clientIp, HttpStatusCode expected)
    {
        // The gateway is the one deployable the public reaches: its /metrics answers loopback (appsettings.json) and
        // whatever Telemetry:MetricsAllowedNetworks adds, and is no such path for anyone else.
        _gateway = await GatewayHarness.StartAsync();
        using var client = _gateway.CreateClient();

        using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/metrics", clientIp: clientIp));

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        if (expected == HttpStatusCode.OK)
        {
            Assert.That(body, Does.Contain("# TYPE"), "Prometheus' text format");
        }
    }

    [Test]
    public async Task Metrics_OfAnotherNetwork_AnswerOnceConfigured()
    {
        _gateway = await GatewayHarness.StartAsync(new Dictionary<string, string?> { ["Telemetry:MetricsAllowedNetworks:2"] = "10.0.0.0/8" });
        using var client = _gateway.CreateClient();

        using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/metrics", clientIp: "10.1.2.3"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task HealthReady_WhenJwksAnswers_IsHealthyAndShowsDetailsOnlyToAdmins()
    {
        _gateway = await GatewayHarness.StartAsync();
        using var client = _gateway.CreateClient();

        using var anonymous = await client.GetAsync("/health/ready");
        using var admin = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/health/ready", _gateway.Token(roles: ["admin"])));

        var anonymousBody = await anonymous.Content.ReadAsStringAsync();
        var adminBody = await admin.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.OK), anonymousBody);
            Assert.That(anonymousBody, Is.EqualTo("""{"status":"Healthy"}"""), "a probe learns the status, not the dependencies");
            Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK), adminBody);
            Assert.That(adminBody, Does.Contain("jwks"), "an operator sees each check");
        }
    }

    [Test]
    public async Task HealthReady_WhenJwksDown_IsUnavailable()
    {
        _gateway = await GatewayHarness.StartAsync();
        await _gateway.StopBackendAsync();
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task HealthReady_WhenRedisIsUnreachable_IsDegradedButStaysInRotation()
    {
        // The gateway serves without Redis (rate limits per process, revocations from its copy), so
        // a Redis outage must not take every replica out of the load balancer.
        await using var redis = TcpProxy.Start(TestEnvironment.RedisHost, TestEnvironment.RedisPort);
        _gateway = await GatewayHarness.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestEnvironment.RedisConnectionStringThrough(redis.Port) });
        using var client = _gateway.CreateClient();
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        redis.Cut();
        using var admin = GatewayHarness.Request(HttpMethod.Get, "/health/ready", _gateway.Token(roles: ["admin"]));
        using var ready = await client.SendAsync(admin);
        var body = await ready.Content.ReadAsStringAsync();
        using var proxied = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", _gateway.Token()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(body, Does.Contain("\"status\":\"Degraded\""), body);
            Assert.That(proxied.StatusCode, Is.EqualTo(HttpStatusCode.OK), "requests are still served");
        }
    }
}
