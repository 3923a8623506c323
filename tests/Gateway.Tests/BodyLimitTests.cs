using System.Net;
using System.Text;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class BodyLimitTests
{
    private const int Limit = 1024;

    private GatewayHarness _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = await GatewayHarness.StartAsync(new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = Limit.ToString() });
        _client = _gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [TestCase("/api/v1/users/42", true)]
    [TestCase("/api/v1/auth/login", false)]
    public async Task Post_WhenContentLengthOverLimit_Returns413Problem(string path, bool authenticated)
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, path, authenticated ? _gateway.Token() : null);
        request.Content = new ByteArrayContent(new byte[Limit + 1]);
        request.Content.Headers.ContentType = new("application/json");
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        AssertSecurityHeaders(response);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Login_WithABodyPaddedPast8KiB_Returns413SoThePerAccountLimitCannotBeDodged(bool chunked)
    {
        await using var gateway = await GatewayHarness.StartAsync();
        using var client = gateway.CreateClient();
        using var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/auth/login");
        var padded = Encoding.UTF8.GetBytes($$"""{"email":"ada@example.test","password":"guess"{{new string(' ', 9000)}}}""");
        request.Content = chunked ? new StreamContent(new MemoryStream(padded)) : new ByteArrayContent(padded);
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    // TestServer has no server body limit (IHttpMaxRequestBodySizeFeature): an undeclared length is
    // only cut off by a real server, so this runs the gateway on Kestrel.
    [TestCase("/api/v1/users/42", true)]
    [TestCase("/api/v1/auth/login", false)]
    public async Task Post_WhenChunkedBodyOverLimit_Returns413Problem(string path, bool authenticated)
    {
        await using var gateway = await GatewayHarness.StartAsync(
            new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = Limit.ToString() }, onKestrel: true);
        using var client = gateway.CreateClient();
        using var request = GatewayHarness.Request(HttpMethod.Post, path, authenticated ? gateway.Token() : null);
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"email":"ada@example.test","pad":"{{new string('x', Limit)}}"}""")));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        AssertSecurityHeaders(response);
    }

    [Test]
    public async Task Post_WhenBodyAtLimit_IsForwarded()
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/users/42", _gateway.Token());
        request.Content = new ByteArrayContent(new byte[Limit]);
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.BodyLength, Is.EqualTo(Limit));
    }
}
