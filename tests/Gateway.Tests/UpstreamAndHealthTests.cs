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
}
