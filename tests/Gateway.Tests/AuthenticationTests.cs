using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using StackExchange.Redis;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class AuthenticationTests
{
    private GatewayHarness _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = await GatewayHarness.StartAsync();
        _client = _gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [TestCase("GET", "/api/v1/auth/me")]
    [TestCase("POST", "/api/v1/auth/logout")]
    [TestCase("GET", "/api/v1/users")]
    [TestCase("DELETE", "/api/v1/users/42")]
    public async Task Request_WhenNoToken_Returns401Problem(string method, string path)
    {
        using var request = GatewayHarness.Request(new HttpMethod(method), path);
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenTokenSignedByAnotherKey_Returns401Problem()
    {
        using var otherKey = TestSigningKey.Create();
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", _gateway.Token(signedWith: otherKey));
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenTheUsersTokensWereRevoked_Returns401Problem_UntilTheStampMatches()
    {
        var subject = Guid.NewGuid().ToString();
        var redis = _gateway.Factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await redis.StringSetAsync($"platform:auth:stamp:{subject}", "new-stamp", TimeSpan.FromMinutes(1));

        using var stale = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", _gateway.Token(subject, securityStamp: "old-stamp"));
        using var current = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", _gateway.Token(subject, securityStamp: "new-stamp"));

        await (await _client.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.That((await _client.SendAsync(current)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Get_WhenTokenExpired_Returns401Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", _gateway.Token(lifetime: TimeSpan.FromMinutes(-5)));
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenTokenIsNotAnAccessToken_Returns401Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", _gateway.Token(type: "JWT"));
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenTokenFromAnotherIssuer_Returns401Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", _gateway.Token(issuer: "https://elsewhere.test"));
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [TestCase("/api/v1/auth/me")]
    [TestCase("/api/v1/users/42")]
    public async Task Get_WhenTokenValid_ForwardsItWithTheAuthorizationHeader(string path)
    {
        var token = _gateway.Token();
        using var request = GatewayHarness.Request(HttpMethod.Get, path, token);
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.Header("Authorization"), Is.EqualTo("Bearer " + token));
    }
}
