using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Identity.Application.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;
using StackExchange.Redis;

namespace Identity.Tests.Tokens;

/// <summary>
/// A revocation made while Redis is unreachable is not lost: identity refuses the user at once from
/// its own database, and the revocation reaches the shared list (and so the gateway and every
/// service) within seconds of Redis coming back.
/// </summary>
[NonParallelizable]
public sealed class RevocationDuringRedisOutageTests
{
    [TestCase("deactivate")]
    [TestCase("roles")]
    [TestCase("logout-all")]
    public async Task Revocation_WhileRedisIsDown_IsRefusedByIdentityAtOnce_AndReachesTheSharedListWhenRedisReturns(string how)
    {
        // A database of its own: any other identity replica with Redis (the shared test host, the
        // end-to-end processes) would otherwise publish the revocation and hide what this one does.
        await using var database = await ScratchDatabase.CreateAsync("identity");
        await using var redisLink = TcpProxy.Start(TestEnvironment.RedisHost, TestEnvironment.RedisPort);
        await using var factory = new IdentityApiFactory(web =>
        {
            web.UseSetting("ConnectionStrings:Postgres", database.ConnectionString);
            web.UseSetting("ConnectionStrings:Redis", TestEnvironment.RedisConnectionStringThrough(redisLink.Port));
        });
        var (admin, _, _) = await factory.SignedInClientAsync("admin");
        var (victim, user, tokens) = await factory.SignedInClientAsync("analyst");
        var stamp = StampOf(tokens.GetProperty("accessToken").GetString()!);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisConnectionString);

        redisLink.Cut();
        var revoked = how switch
        {
            "deactivate" => await admin.PostAsync($"/api/v1/users/{user.Id}/deactivate", null),
            "roles" => await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { "reviewer" } }),
            _ => await victim.PostAsJsonAsync("/api/v1/auth/logout", new { allSessions = true }),
        };
        Assert.That(revoked.IsSuccessStatusCode, Is.True, await revoked.Content.ReadAsStringAsync());

        await (await victim.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        using (var ready = await factory.CreateClient().GetAsync("/health/ready"))
        {
            // A service that serves without Redis stays in rotation: Degraded, not unready.
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"Degraded"}"""));
        }

        var otherValidator = new RevocationList(redis, TimeProvider.System, NullLogger<RevocationList>.Instance);
        Assert.That(await otherValidator.IsRevokedAsync(user.Id.ToString(), stamp, default), Is.False, "while Redis is away the revocation waits in identity's database");
        Assert.That(await UnpublishedAsync(factory, user.Id), Is.EqualTo(1));

        redisLink.Restore();
        await Polling.UntilAsync(
            () => otherValidator.IsRevokedAsync(user.Id.ToString(), stamp, default).AsTask(),
            isRevoked => isRevoked,
            "the revocation to reach the shared list after Redis returned",
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(200));
        // Marked published right after Redis took it.
        await Polling.UntilAsync(() => UnpublishedAsync(factory, user.Id), count => count == 0, "the revocation to be marked published", TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task Me_ForADeactivatedUser_Returns401_EvenIfTheSharedListNeverHeardOfIt()
    {
        var factory = IdentityService.Factory;
        var (victim, user, _) = await factory.SignedInClientAsync("analyst");
        // Deactivated behind the relay's back: only identity's own database knows.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, DateTimeOffset.UtcNow));
        }

        await (await victim.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task AReplicaStartedWhileRedisIsDown_AcceptsTokensWithoutWaitingForRedisOnEachRequest()
    {
        // Nothing listens there: the multiplexer never connects, and the list is never read.
        using var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", ClosedPort() } }, AbortOnConnectFail = false, ConnectTimeout = 200,
        });
        var validator = new RevocationList(redis, TimeProvider.System, NullLogger<RevocationList>.Instance);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var request = 0; request < 20; request++)
        {
            Assert.That(await validator.IsRevokedAsync("some-user", "stamp", default), Is.False, "the documented fail-open window");
        }

        // Each used to wait out the 250 ms lookup timeout: 5 s for these twenty.
        Assert.That(System.Diagnostics.Stopwatch.GetElapsedTime(started), Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<int> UnpublishedAsync(IdentityApiFactory factory, Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().SessionRevocations.CountAsync(r => r.UserId == userId && r.PublishedAt == null);
    }

    private static string StampOf(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.GetProperty("sst").GetString()!;
    }
}
