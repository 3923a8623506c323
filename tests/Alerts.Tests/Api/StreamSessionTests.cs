using System.Net;
using Platform.ServiceDefaults.Auth;
using Platform.SharedKernel;
using Platform.Testing;
using StackExchange.Redis;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

/// <summary>
/// Open streams follow the session they were opened with: a revocation ends them on every replica
/// within seconds, and one user holds a limited number of them across replicas.
/// </summary>
[NonParallelizable]
public sealed class StreamSessionTests
{
    private static AlertsApiFactory _replica = null!;

    [OneTimeSetUp]
    public async Task StartSecondReplica() => _replica = await AlertsService.StartReplicaAsync();

    [OneTimeTearDown]
    public async Task StopSecondReplica() => await _replica.DisposeAsync();

    [Test]
    public async Task Stream_WhenTheUsersSessionsAreRevoked_EndsOnEveryReplicaWithinSeconds_SayingWhy()
    {
        var userId = Guid.NewGuid();
        await using var onFirst = await SseClient.OpenAsync(Factory.ClientWithStamp(userId, "stamp-1", PlatformRoles.Analyst));
        await using var onSecond = await SseClient.OpenAsync(_replica.ClientWithStamp(userId, "stamp-1", PlatformRoles.Analyst));
        await using var bystander = await SseClient.OpenAsync(Factory.ClientWithStamp(Guid.NewGuid(), "stamp-1", PlatformRoles.Analyst));
        await onFirst.ReadFrameAsync(TimeSpan.FromSeconds(5));
        await onSecond.ReadFrameAsync(TimeSpan.FromSeconds(5));

        // What the identity service does on log-out everywhere, deactivation or a role change.
        await RevokeAsync(userId, newStamp: "stamp-2");

        foreach (var stream in new[] { onFirst, onSecond })
        {
            var frames = await ReadUntilEndAsync(stream, TimeSpan.FromSeconds(5));
            Assert.That(frames.LastOrDefault()?.Field("event"), Is.EqualTo("session_revoked"), "the last frame tells the client not to reconnect with this token");
        }

        var stillOpen = await bystander.ReadFrameAsync(TimeSpan.FromSeconds(5));
        Assert.That(stillOpen, Is.Not.Null, "another user's stream goes on");
        using var reopened = await Factory.ClientWithStamp(userId, "stamp-1", PlatformRoles.Analyst).GetAsync("/api/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(reopened.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the revoked token cannot open a new stream");
    }

    [Test]
    public async Task Stream_BeyondThePerUserCap_IsRefusedWith429_CountingEveryReplica_AndASlotFreesWhenAStreamEnds()
    {
        var userId = Guid.NewGuid();
        var first = Factory.ClientFor(userId, PlatformRoles.Analyst);
        var second = _replica.ClientFor(userId, PlatformRoles.Analyst);
        var open = new List<SseClient>();
        try
        {
            for (var i = 0; i < AlertsApiFactory.MaxStreamsPerUser; i++)
            {
                open.Add(await SseClient.OpenAsync(i % 2 == 0 ? first : second));
            }

            using (var refused = await second.GetAsync("/api/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead))
            {
                await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "stream.too_many");
            }

            using (var otherUser = await Factory.ClientFor(Guid.NewGuid(), PlatformRoles.Analyst).GetAsync("/api/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.That(otherUser.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cap is per user");
            }

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            // The server notices the client left and frees the slot.
            var reopened = await Polling.UntilAsync(
                async () =>
                {
                    var response = await second.GetAsync("/api/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        response.Dispose();
                    }

                    return response;
                },
                response => response.StatusCode == HttpStatusCode.OK,
                "a slot to free after a stream ended",
                TimeSpan.FromSeconds(10),
                TimeSpan.FromMilliseconds(200));
            reopened.Dispose();
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static async Task RevokeAsync(Guid userId, string newStamp)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisConnectionString);
        var now = DateTimeOffset.UtcNow;
        await RevocationStore.WriteAsync(redis.GetDatabase(), userId.ToString(), new RevocationEntry(newStamp, now, now.AddMinutes(15)), now);
    }

    private static async Task<List<SseFrame>> ReadUntilEndAsync(SseClient stream, TimeSpan within)
    {
        var frames = new List<SseFrame>();
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var frame = await stream.ReadFrameAsync(deadline - DateTime.UtcNow + TimeSpan.FromMilliseconds(1));
            if (frame is null)
            {
                return frames;
            }

            frames.Add(frame);
        }

        Assert.Fail($"The stream was still open {within} after the revocation; frames: {string.Join(" | ", frames.SelectMany(f => f.Lines))}");
        return frames;
    }
}
