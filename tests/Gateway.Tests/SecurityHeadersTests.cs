using System.Net;
using Platform.Testing;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class SecurityHeadersTests
{
    private GatewayHarness _gateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _gateway = await GatewayHarness.StartAsync(backendOptions: new EchoBackendOptions { SendServerHeaders = true });

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    [Test]
    public async Task Get_WhenProxied_HasSecurityHeaders()
    {
        using var client = _gateway.CreateClient();
        using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", _gateway.Token()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(response);
    }

    [TestCase("/api/v1/users/42", HttpStatusCode.Unauthorized)]
    [TestCase("/health/live", HttpStatusCode.OK)]
    public async Task Get_WhenAnsweredByTheGateway_HasSecurityHeaders(string path, HttpStatusCode status)
    {
        using var client = _gateway.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        AssertSecurityHeaders(response);
    }

    [Test]
    public async Task Get_WhenNotFound_HasSecurityHeaders()
    {
        using var client = _gateway.CreateClient();
        using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/nowhere", _gateway.Token()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        AssertSecurityHeaders(response);
    }

    [Test]
    public async Task Get_OverHttps_HasStrictTransportSecurity()
    {
        using var client = _gateway.CreateClient("https");
        using var response = await client.GetAsync("/health/live");

        Assert.That(SingleHeader(response, "Strict-Transport-Security"), Does.StartWith("max-age="));
    }

    [Test]
    public async Task Get_OverHttp_HasNoStrictTransportSecurity()
    {
        using var client = _gateway.CreateClient();
        using var response = await client.GetAsync("/health/live");

        Assert.That(SingleHeader(response, "Strict-Transport-Security"), Is.Null);
    }
}
