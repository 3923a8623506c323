using System.Net;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class CorsTests
{
    private const string AllowedOrigin = "https://app.example.test";
    private const string OtherOrigin = "https://evil.example.test";

    private GatewayHarness _gateway = null!;
    private GatewayHarness _gatewayWithoutOrigins = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = await GatewayHarness.StartAsync(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = AllowedOrigin });
        _gatewayWithoutOrigins = await GatewayHarness.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _gateway.DisposeAsync();
        await _gatewayWithoutOrigins.DisposeAsync();
    }

    [Test]
    public async Task Preflight_WhenOriginAllowed_AllowsMethodAndHeaders()
    {
        using var client = _gateway.CreateClient();
        using var response = await client.SendAsync(Preflight(AllowedOrigin));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(SingleHeader(response, "Access-Control-Allow-Origin"), Is.EqualTo(AllowedOrigin));
            Assert.That(SingleHeader(response, "Access-Control-Allow-Methods"), Does.Contain("PATCH"));
            Assert.That(SingleHeader(response, "Access-Control-Allow-Headers")?.ToLowerInvariant(),
                Does.Contain("authorization").And.Contain("if-match").And.Contain("idempotency-key"));
            Assert.That(SingleHeader(response, "Access-Control-Allow-Credentials"), Is.Null);
        }
    }

    [Test]
    public async Task Preflight_WhenOriginNotAllowed_HasNoAllowOrigin()
    {
        using var client = _gateway.CreateClient();
        using var response = await client.SendAsync(Preflight(OtherOrigin));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SingleHeader(response, "Access-Control-Allow-Origin"), Is.Null);
            Assert.That(SingleHeader(response, "Access-Control-Allow-Methods"), Is.Null);
        }
    }

    [Test]
    public async Task Preflight_WhenNoOriginsConfigured_HasNoCorsHeaders()
    {
        using var client = _gatewayWithoutOrigins.CreateClient();
        using var response = await client.SendAsync(Preflight(AllowedOrigin));

        Assert.That(response.Headers.Select(header => header.Key), Has.None.StartsWith("Access-Control-"));
    }

    [Test]
    public async Task Get_WhenOriginAllowed_ExposesResponseHeaders()
    {
        using var client = _gateway.CreateClient();
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", _gateway.Token());
        request.Headers.Add("Origin", AllowedOrigin);
        using var response = await client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(SingleHeader(response, "Access-Control-Allow-Origin"), Is.EqualTo(AllowedOrigin));
            Assert.That(SingleHeader(response, "Access-Control-Expose-Headers")?.ToLowerInvariant(),
                Does.Contain("x-request-id").And.Contain("retry-after").And.Contain("etag").And.Contain("location"));
        }
    }

    [Test]
    public async Task Get_WhenOriginNotAllowed_HasNoAllowOrigin()
    {
        using var client = _gateway.CreateClient();
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", _gateway.Token());
        request.Headers.Add("Origin", OtherOrigin);
        using var response = await client.SendAsync(request);

        Assert.That(SingleHeader(response, "Access-Control-Allow-Origin"), Is.Null);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/users/42");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, if-match, idempotency-key");
        return request;
    }
}
