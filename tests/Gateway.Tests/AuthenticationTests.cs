using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;
using StackExchange.Redis;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class AuthenticationTests : SharedGatewayTests
{
    [TestCase("GET", "/api/v1/auth/me")]
    [TestCase("POST", "/api/v1/auth/logout")]
    [TestCase("GET", "/api/v1/users")]
    [TestCase("DELETE", "/api/v1/users/42")]
    public async Task Request_WhenNoToken_Returns401Problem(string method, string path)
    {
        using var request = GatewayHarness.Request(new HttpMethod(method), path);
        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenTokenSignedByAnotherKey_Returns401Problem()
    {
        using var otherKey = TestSigningKey.Create();
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", Gateway.Token(signedWith: otherKey));
        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenAUserTokenCarriesNoSecurityStamp_Returns401Problem()
    {
        // Without the fingerprint no revocation could ever reach the token: it is refused outright.
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", Gateway.Token(Guid.NewGuid().ToString(), securityStamp: ""));
        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenAServiceTokenCarriesAUserRole_Returns401Problem()
    {
        var token = TestTokens.Create(Gateway.SigningKey, GatewayHarness.Issuer, GatewayHarness.Audience, "deals-service", ["admin"], clientId: "deals-service");
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", token);
        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WithAServiceTokenWithoutRoles_PassesAuthentication()
    {
        var token = TestTokens.Create(Gateway.SigningKey, GatewayHarness.Issuer, GatewayHarness.Audience, "deals-service", [], clientId: "deals-service");
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", token);
        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Get_WhenTheUsersTokensWereRevoked_Returns401Problem_UntilTheStampMatches()
    {
        var subject = Guid.NewGuid().ToString();
        var redis = Gateway.Factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var now = DateTimeOffset.UtcNow;
        await RevocationStore.WriteAsync(redis, subject, new RevocationEntry("new-stamp", now, now.AddMinutes(1)), now);

        // The announcement reaches the gateway's in-memory copy over pub/sub, within moments.
        var stale = await Polling.UntilAsync(
            () => Client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", Gateway.Token(subject, securityStamp: "old-stamp"))),
            response => response.StatusCode == HttpStatusCode.Unauthorized,
            "the gateway to learn the revocation",
            TimeSpan.FromSeconds(5));
        using var current = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", Gateway.Token(subject, securityStamp: "new-stamp"));

        await stale.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.That((await Client.SendAsync(current)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Get_WhenTheRevocationWasMadeBeforeTheGatewayStarted_Returns401Problem()
    {
        // A new replica knows revocations announced before it started, from its very first request.
        var subject = Guid.NewGuid().ToString();
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisConnectionString))
        {
            var now = DateTimeOffset.UtcNow;
            await RevocationStore.WriteAsync(redis.GetDatabase(), subject, new RevocationEntry("new-stamp", now, now.AddMinutes(1)), now);
        }

        await using var gateway = await GatewayHarness.StartAsync();
        using var client = gateway.CreateClient();
        using var stale = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", gateway.Token(subject, securityStamp: "old-stamp")));

        await stale.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenTokenExpired_Returns401Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", Gateway.Token(lifetime: TimeSpan.FromMinutes(-5)));
        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenTokenIsNotAnAccessToken_Returns401Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", Gateway.Token(type: "JWT"));
        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_WhenTokenFromAnotherIssuer_Returns401Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me", Gateway.Token(issuer: "https://elsewhere.test"));
        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [TestCase("/api/v1/auth/me")]
    [TestCase("/api/v1/users/42")]
    public async Task Get_WhenTokenValid_ForwardsItWithTheAuthorizationHeader(string path)
    {
        var token = Gateway.Token();
        using var request = GatewayHarness.Request(HttpMethod.Get, path, token);
        using var response = await Client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.Header("Authorization"), Is.EqualTo("Bearer " + token));
    }
}
