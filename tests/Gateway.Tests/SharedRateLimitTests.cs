using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

/// <summary>Limits kept in Redis: shared by gateway replicas, and still enforced (per process) when Redis is gone.</summary>
public sealed class SharedRateLimitTests
{
    private const string Path = "/.well-known/jwks.json";
    private const string StoreCategory = "Gateway.RedisRateLimitStore";

    // Far above what one request costs when nothing waits for Redis, far below the 2 s a
    // multiplexer would hold a command while it is disconnected.
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(1000);

    [TestCase(false)]
    [TestCase(true)]
    public async Task Requests_ThroughTwoGatewaysWithOneRedis_ShareOneBudget(bool authenticated)
    {
        var settings = Settings(("RateLimiting:PermitsPerMinute", "4"), ("RateLimiting:KeyPrefix", $"test:rl:{Guid.NewGuid():N}:"));
        await using var first = await GatewayHarness.StartAsync(settings);
        await using var second = await GatewayHarness.StartAsync(settings);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        // The same user (each gateway trusts its own test key) or the same address, alternately on each.
        HttpRequestMessage Request(GatewayHarness gateway) => authenticated
            ? GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", gateway.Token("shared-user"))
            : GatewayHarness.Request(HttpMethod.Get, Path, clientIp: "198.51.100.20");

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var (gateway, client) = attempt % 2 == 0 ? (first, firstClient) : (second, secondClient);
            using var allowed = await client.SendAsync(Request(gateway));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {attempt + 1} of 4");
        }

        using var onFirst = await firstClient.SendAsync(Request(first));
        using var onSecond = await secondClient.SendAsync(Request(second));

        await onFirst.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(onSecond.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            // One token every 15 s.
            Assert.That(int.Parse(SingleHeader(onFirst, "Retry-After")!), Is.InRange(1, 15));
        }
    }

    [Test]
    public async Task Requests_WhenRedisIsUnreachable_AreStillLimitedInProcessAndAnsweredQuickly()
    {
        using var logs = new LogCapture();
        await using var gateway = await GatewayHarness.StartAsync(
            Settings(("ConnectionStrings:Redis", $"127.0.0.1:{ClosedPort()}"), ("RateLimiting:PermitsPerMinute", "3")), logs: logs);
        using var client = gateway.CreateClient();
        // The first request into a fresh host pays for JIT compilation; another address keeps the budget whole.
        using var warmUp = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, Path, clientIp: "198.51.100.99"));

        var statuses = new List<HttpStatusCode>();
        var slowest = TimeSpan.Zero;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, Path, clientIp: "198.51.100.30"));
            slowest = Max(slowest, Stopwatch.GetElapsedTime(started));
            statuses.Add(response.StatusCode);
            if (attempt == 3)
            {
                await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
                Assert.That(SingleHeader(response, "Retry-After"), Is.Not.Null);
            }
        }

        var warning = await logs.WaitForAsync(entry => entry.Category == StoreCategory && entry.Level == LogLevel.Warning);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(warmUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(slowest, Is.LessThan(Quick));
            Assert.That(warning.Message, Does.Contain("Redis is unreachable"));
        }
    }

    [Test]
    public async Task Requests_WhenTheRedisConnectionIsCutAndComesBack_AreLimitedInProcessThenSharedAgain()
    {
        var redisHost = TestEnvironment.Get("PLATFORM_REDIS_HOST");
        await using var proxy = TcpProxy.Start(redisHost, int.Parse(TestEnvironment.Get("PLATFORM_REDIS_PORT")));
        var prefix = $"test:rl:{Guid.NewGuid():N}:";
        using var logs = new LogCapture();
        await using var gateway = await GatewayHarness.StartAsync(
            Settings(
                ("ConnectionStrings:Redis", $"127.0.0.1:{proxy.Port},defaultDatabase=1"),
                ("RateLimiting:KeyPrefix", prefix),
                ("RateLimiting:PermitsPerMinute", "2"),
                ("RateLimiting:RedisRetryInterval", "00:00:00.200")),
            logs: logs);
        using var client = gateway.CreateClient();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisConnectionString);
        var database = redis.GetDatabase();
        RedisKey Bucket(string clientIp) => $"rl:tb:{{{prefix}all:ip:{clientIp}}}";

        async Task<HttpStatusCode[]> SendAsync(string clientIp, int count, bool warmUp = false)
        {
            var statuses = new HttpStatusCode[count];
            for (var attempt = 0; attempt < count; attempt++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, Path, clientIp: clientIp));
                statuses[attempt] = response.StatusCode;
                Assert.That(warmUp || Stopwatch.GetElapsedTime(started) < Quick, $"request {attempt + 1} from {clientIp} took {Stopwatch.GetElapsedTime(started)}");
            }

            return statuses;
        }

        HttpStatusCode[] twoThenRefused = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests];
        // The first request into a fresh host pays for JIT compilation.
        Assert.That(await SendAsync("198.51.100.49", 1, warmUp: true), Is.EqualTo(new[] { HttpStatusCode.OK }));
        Assert.That(await SendAsync("198.51.100.40", 3), Is.EqualTo(twoThenRefused));
        Assert.That(await database.KeyExistsAsync(Bucket("198.51.100.40")), Is.True, "counted in Redis while it answers");

        proxy.Cut();
        // The in-process bucket starts full: one more budget for this replica, and no more.
        Assert.That(await SendAsync("198.51.100.40", 3), Is.EqualTo(twoThenRefused));
        Assert.That(await SendAsync("198.51.100.41", 1), Is.EqualTo(new[] { HttpStatusCode.OK }));
        Assert.That(await database.KeyExistsAsync(Bucket("198.51.100.41")), Is.False, "counted in process while Redis is cut off");

        proxy.Restore();
        var multiplexer = gateway.Factory.Services.GetRequiredService<IConnectionMultiplexer>();
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (!multiplexer.IsConnected && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.That(await SendAsync("198.51.100.42", 1), Is.EqualTo(new[] { HttpStatusCode.OK }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await database.KeyExistsAsync(Bucket("198.51.100.42")), Is.True, "counted in Redis again");
            Assert.That((await logs.WaitForAsync(entry => entry.Category == StoreCategory && entry.Level == LogLevel.Information)).Message,
                Does.Contain("Redis answers again"));
        }
    }

    [Test]
    public async Task Requests_WhenRedisStopsAnswering_WaitNoLongerThanTheTimeoutAndAreStillLimited()
    {
        await using var proxy = TcpProxy.Start(TestEnvironment.Get("PLATFORM_REDIS_HOST"), int.Parse(TestEnvironment.Get("PLATFORM_REDIS_PORT")));
        using var logs = new LogCapture();
        await using var gateway = await GatewayHarness.StartAsync(
            Settings(
                ("ConnectionStrings:Redis", $"127.0.0.1:{proxy.Port},defaultDatabase=1"),
                ("RateLimiting:PermitsPerMinute", "3"),
                ("RateLimiting:KeyPrefix", $"test:rl:{Guid.NewGuid():N}:"),
                ("RateLimiting:RedisTimeout", "00:00:00.100")),
            logs: logs);
        using var client = gateway.CreateClient();
        // Which way each admission went, for the message when the statuses are not the expected ones.
        var meters = gateway.Factory.Services.GetRequiredService<IMeterFactory>();
        using var localDecisions = new MetricCollector<long>(meters, "Platform.Gateway", "platform.gateway.rate_limit.local_decisions");
        using var optimistic = new MetricCollector<long>(meters, "Platform.Gateway", "platform.gateway.rate_limit.optimistic_admissions");
        using var warmUp = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, Path, clientIp: "198.51.100.59"));

        // The connection stays up, so only the gateway's own timeout can stop a request waiting.
        proxy.Stall();
        var statuses = new List<HttpStatusCode>();
        var slowest = TimeSpan.Zero;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, Path, clientIp: "198.51.100.50"));
            slowest = Max(slowest, Stopwatch.GetElapsedTime(started));
            statuses.Add(response.StatusCode);
        }

        var warning = await logs.WaitForAsync(entry => entry.Category == StoreCategory && entry.Level == LogLevel.Warning);
        proxy.Resume();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(warmUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }),
                $"local decisions {localDecisions.GetMeasurementSnapshot().Sum(m => m.Value)}, "
                + $"admissions ahead of Redis {optimistic.GetMeasurementSnapshot().Sum(m => m.Value)}, "
                + $"store log: {string.Join(" | ", logs.Entries.Where(entry => entry.Category == StoreCategory).Select(entry => $"{entry.Level} {entry.Exception?.GetType().Name}"))}");
            Assert.That(slowest, Is.LessThan(Quick));
            Assert.That(warning.Message, Does.Contain("Redis is unreachable"));
            Assert.That(warning.Exception, Is.InstanceOf<TimeoutException>(), "gave up by the gateway's timeout");
        }
    }

    [Test]
    public async Task SequentialRequests_AreAdmittedAheadOfRedisWhileTheBucketIsFull_ButNeverBeyondTheLimit()
    {
        // 300 a minute: an allowance of 3 ahead of Redis's answer, kept 3 tokens from the bottom.
        await using var gateway = await GatewayHarness.StartAsync(
            Settings(("RateLimiting:PermitsPerMinute", "300"), ("RateLimiting:KeyPrefix", $"test:rl:{Guid.NewGuid():N}:")));
        using var client = gateway.CreateClient();
        using var admissions = new MetricCollector<long>(
            gateway.Factory.Services.GetRequiredService<IMeterFactory>(),
            "Platform.Gateway", "platform.gateway.rate_limit.optimistic_admissions");
        var token = gateway.Token("busy-user");

        var statuses = new List<HttpStatusCode>();
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 0; attempt < 310; attempt++)
        {
            using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", token));
            statuses.Add(response.StatusCode);
        }

        // A token comes back every 200 ms while the run lasts (plus one part-grown when it began).
        var refilled = (int)(Stopwatch.GetElapsedTime(started) / TimeSpan.FromMilliseconds(200)) + 1;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.InRange(300, 300 + refilled), "one replica never admits beyond the limit");
            // Refused ones are 429s, nothing else. (The last request is not necessarily refused: on a
            // slow run the bucket refills while the requests go out.)
            Assert.That(statuses.Where(s => s != HttpStatusCode.OK), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(admissions.GetMeasurementSnapshot().Sum(m => m.Value), Is.GreaterThan(100), "most requests did not wait for Redis");
        }
    }

    [Test]
    public async Task ConcurrentRequests_WhosePermitsGoToRedisTogether_AreAllCounted_AndNeverExceedTheLimitByMoreThanTheAllowance()
    {
        // 600 a minute: an allowance of 6. Sixteen callers at once, so admissions ahead of Redis gather and
        // their permits go to Redis several to a call; every one must still be counted there.
        await using var gateway = await GatewayHarness.StartAsync(
            Settings(
                ("RateLimiting:PermitsPerMinute", "600"),
                ("RateLimiting:KeyPrefix", $"test:rl:{Guid.NewGuid():N}:"),
                // A loaded machine may keep an answer past the usual 250 ms; falling back to counting in
                // process is another test's subject, not this one's.
                ("RateLimiting:RedisTimeout", "00:00:05")));
        using var client = gateway.CreateClient();
        var token = gateway.Token("concurrent-user");
        var meters = gateway.Factory.Services.GetRequiredService<IMeterFactory>();
        using var ahead = new MetricCollector<long>(meters, "Platform.Gateway", "platform.gateway.rate_limit.optimistic_admissions");
        using var overruns = new MetricCollector<long>(meters, "Platform.Gateway", "platform.gateway.rate_limit.optimistic_overruns");
        using var local = new MetricCollector<long>(meters, "Platform.Gateway", "platform.gateway.rate_limit.local_decisions");
        var started = Stopwatch.GetTimestamp();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 700), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, cancellationToken) =>
        {
            using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", token), cancellationToken);
            statuses.Add(response.StatusCode);
        });
        var refilled = (int)(Stopwatch.GetElapsedTime(started) / TimeSpan.FromMilliseconds(100)) + 1;
        long Sum(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);
        var admitted = statuses.Count(s => s == HttpStatusCode.OK);
        var seen = $"{admitted} admitted, {refilled} refilled, {Sum(ahead)} ahead of Redis, {Sum(overruns)} refused by Redis afterwards, {Sum(local)} counted in process";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(admitted, Is.InRange(600 - 6, 600 + refilled + 6), $"counted in Redis, ahead by at most the allowance ({seen})");
            Assert.That(Sum(overruns), Is.LessThanOrEqualTo(6), seen);
            Assert.That(Sum(local), Is.Zero, seen);
            Assert.That(statuses.Where(s => s != HttpStatusCode.OK), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
        }
    }

    private static Dictionary<string, string?> Settings(params (string Name, string Value)[] settings) =>
        settings.ToDictionary(setting => setting.Name, setting => (string?)setting.Value);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
