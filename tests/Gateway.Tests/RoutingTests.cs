using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Platform.Testing;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class RoutingTests
{
    private const int BigBodyBytes = 3 * 1024 * 1024;

    private GatewayHarness _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = await GatewayHarness.StartAsync(backendOptions: new EchoBackendOptions { SendServerHeaders = true, BigBodyBytes = BigBodyBytes });
        _client = _gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [Test]
    public async Task Get_WhenRouteMatches_ForwardsMethodPathAndQuery()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42?page=2&sort=-updatedAt", _gateway.Token());
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo.Method, Is.EqualTo("GET"));
            Assert.That(echo.Path, Is.EqualTo("/api/v1/users/42"));
            Assert.That(echo.Query, Is.EqualTo("?page=2&sort=-updatedAt"));
        }
    }

    [Test]
    public async Task Patch_WhenBodyGiven_ForwardsBodyIntact()
    {
        var body = """{"displayName":"Ada Lovelace","roles":["analyst"]}""";
        using var request = GatewayHarness.Request(HttpMethod.Patch, "/api/v1/users/42", _gateway.Token());
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo.Method, Is.EqualTo("PATCH"));
            Assert.That(echo.BodyLength, Is.EqualTo(Encoding.UTF8.GetByteCount(body)));
            Assert.That(echo.BodySha256, Is.EqualTo(Sha256(body)));
            Assert.That(echo.Header("Content-Type"), Does.StartWith("application/json"));
        }
    }

    [Test]
    public async Task Get_WhenNoRouteMatches_Returns404Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/nothing-here", _gateway.Token());
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "resource.not_found");
    }

    [Test]
    public async Task Get_WhenNoRouteMatchesAndNoToken_Returns401ProblemWithoutRevealingRoutes()
    {
        using var response = await _client.GetAsync("/api/v1/nothing-here");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [TestCase("POST", "/connect/token")]
    [TestCase("GET", "/.well-known/openid-configuration")]
    [TestCase("GET", "/.well-known/jwks.json")]
    [TestCase("POST", "/api/v1/auth/register")]
    [TestCase("POST", "/api/v1/auth/login")]
    [TestCase("POST", "/api/v1/auth/refresh")]
    public async Task Request_WhenRouteIsAnonymous_ReachesBackendWithoutToken(string method, string path)
    {
        using var request = GatewayHarness.Request(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { refreshToken = "opaque" });
        }

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Get_ServiceOpenApiDocument_IsServedAnonymouslyFromTheServiceDocumentPath()
    {
        using var response = await _client.GetAsync("/openapi/identity/v1.json");

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.Path, Is.EqualTo("/openapi/v1.json"));
    }

    [Test]
    public async Task Post_Login_ForwardsJsonBodyIntactAfterReadingTheAccount()
    {
        var body = """{"email":"ada@example.test","password":"correct horse battery staple"}""";
        using var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/auth/login");
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo.BodyLength, Is.EqualTo(Encoding.UTF8.GetByteCount(body)));
            Assert.That(echo.BodySha256, Is.EqualTo(Sha256(body)));
            Assert.That(echo.Header("Content-Length"), Is.EqualTo(Encoding.UTF8.GetByteCount(body).ToString()));
        }
    }

    [Test]
    public async Task Post_TokenPasswordGrant_ForwardsFormBodyIntactAfterReadingTheAccount()
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, "/connect/token");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "ada@example.test",
            ["password"] = "p@ss w&rd=",
            ["client_id"] = "web",
        });
        var body = await request.Content.ReadAsStringAsync();
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.BodySha256, Is.EqualTo(Sha256(body)));
    }

    [Test]
    public async Task Post_LoginWithChunkedBody_ForwardsBodyIntact()
    {
        var body = """{"email":"ada@example.test","password":"secret"}""";
        using var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/auth/login");
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.BodySha256, Is.EqualTo(Sha256(body)));
    }

    [Test]
    public async Task Post_LoginBodyNearTheAccountReadersLimit_IsForwardedIntact()
    {
        var body = $$"""{"email":"ada@example.test","password":"{{new string('x', 8_000)}}"}""";
        using var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/auth/login");
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.BodySha256, Is.EqualTo(Sha256(body)));
    }

    [Test]
    public async Task Get_WhenBackendSendsLargeBody_StreamsItWhole()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/big", _gateway.Token());
        using var response = await _client.SendAsync(request);

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes, Has.Length.EqualTo(BigBodyBytes));
    }

    [Test]
    public async Task Get_WhenBackendSendsLargeChunkedBody_StreamsItWholeAndInOrder()
    {
        // Chunked bodies are held unflushed while the upstream has more ready (HeldResponses): past 64 KiB and at
        // every pause of the upstream they must still go out, whole and in order.
        using var direct = new HttpClient();
        var expected = await direct.GetByteArrayAsync(new Uri(_gateway.BackendAddress, "api/v1/users/big?chunked"));
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/big?chunked", _gateway.Token());
        using var response = await _client.SendAsync(request);

        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentLength, Is.Null.Or.EqualTo(BigBodyBytes));
            Assert.That(bytes, Has.Length.EqualTo(BigBodyBytes));
            Assert.That(bytes.SequenceEqual(expected), Is.True, "the body differs from what the backend sent");
        }
    }

    [Test]
    public async Task Get_WhenBackendSendsServerHeaders_StripsThem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", _gateway.Token());
        using var response = await _client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(SingleHeader(response, "Server"), Is.Null);
            Assert.That(SingleHeader(response, "X-Powered-By"), Is.Null);
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
