using System.Net;
using Platform.Contracts.Deals;
using Platform.SharedKernel;
using Platform.Testing;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

public sealed class StreamTests
{
    private static DealApproved Approved(Guid ownerId, Guid dealId) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, dealId, "Streamed deal", ownerId, Guid.NewGuid(), "fine");

    [Test]
    public async Task Stream_WhenOpened_SendsEventStreamHeadersAndTheRetryHint()
    {
        var client = Factory.User(out _);
        await using var stream = await SseClient.OpenAsync(client);
        Assert.That(stream.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(stream.Response.Headers.CacheControl?.NoCache, Is.True);
        Assert.That(stream.Response.Headers.GetValues("X-Accel-Buffering"), Is.EqualTo(new[] { "no" }));
        var first = await stream.ReadFrameAsync(TimeSpan.FromSeconds(5));
        Assert.That(first!.Lines, Is.EqualTo(new[] { "retry: 3000" }));
    }

    [Test]
    public async Task Stream_WhenIdle_SendsHeartbeatComments()
    {
        var client = Factory.User(out _);
        await using var stream = await SseClient.OpenAsync(client);
        await stream.ReadFrameAsync(TimeSpan.FromSeconds(5));
        var heartbeat = await stream.ReadFrameAsync(TimeSpan.FromSeconds(5));
        Assert.That(heartbeat!.Lines, Is.EqualTo(new[] { ": heartbeat" }));
    }

    [Test]
    public async Task Stream_WhenAnAlertIsCreatedForTheCaller_SendsItAsAnAlertEventWithItsSequenceAsId()
    {
        var client = Factory.User(out var userId);
        await using var stream = await SseClient.OpenAsync(client);
        await stream.ReadFrameAsync(TimeSpan.FromSeconds(5));

        var dealId = Guid.NewGuid();
        await Factory.PublishAsync(Approved(Guid.NewGuid(), Guid.NewGuid()));
        await Factory.PublishAsync(Approved(userId, dealId));

        var frame = await stream.NextAlertAsync();
        var alert = (await client.AlertsAboutAsync(dealId.ToString())).Single();
        Assert.That(frame.Id, Is.EqualTo(alert.GetProperty("sequence").GetInt64()));
        Assert.That(frame.Data.Str("id"), Is.EqualTo(alert.Str("id")));
        Assert.That(frame.Data.Str("subjectId"), Is.EqualTo(dealId.ToString()));
        Assert.That(frame.Data.Str("category"), Is.EqualTo("deal"));
    }

    [Test]
    public async Task Stream_WhenOpenedWithoutLastEventId_SendsOnlyAlertsCreatedAfterConnecting()
    {
        var client = Factory.User(out var userId);
        var before = Guid.NewGuid();
        await Factory.PublishAsync(Approved(userId, before));
        await client.WaitForAlertsAboutAsync(before.ToString());

        await using var stream = await SseClient.OpenAsync(client);
        var after = Guid.NewGuid();
        await Factory.PublishAsync(Approved(userId, after));
        var frame = await stream.NextAlertAsync();
        Assert.That(frame.Data.Str("subjectId"), Is.EqualTo(after.ToString()));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Stream_WhenReconnectingWithLastEventId_ReplaysTheMissedAlertFirst(bool asHeader)
    {
        var client = Factory.User(out var userId);
        long lastSeen;
        await using (var stream = await SseClient.OpenAsync(client))
        {
            await Factory.PublishAsync(Approved(userId, Guid.NewGuid()));
            lastSeen = (await stream.NextAlertAsync()).Id;
        }

        var missed = Guid.NewGuid();
        await Factory.PublishAsync(Approved(userId, missed));
        await client.WaitForAlertsAboutAsync(missed.ToString());

        await using var resumed = asHeader
            ? await SseClient.OpenAsync(client, lastEventId: lastSeen.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : await SseClient.OpenAsync(client, query: $"?lastEventId={lastSeen}");
        var replayed = await resumed.NextAlertAsync(TimeSpan.FromSeconds(5));
        Assert.That(replayed.Data.Str("subjectId"), Is.EqualTo(missed.ToString()));
        Assert.That(replayed.Id, Is.GreaterThan(lastSeen));
    }

    [Test]
    public async Task Stream_WhenAnotherUsersAlertIsCreated_DoesNotSendIt()
    {
        var client = Factory.User(out var userId);
        await using var stream = await SseClient.OpenAsync(client);
        var others = Guid.NewGuid();
        var mine = Guid.NewGuid();
        await Factory.PublishAsync(Approved(Guid.NewGuid(), others));
        await Factory.PublishAsync(Approved(userId, mine));
        var frame = await stream.NextAlertAsync();
        Assert.That(frame.Data.Str("subjectId"), Is.EqualTo(mine.ToString()));
    }

    [Test]
    public async Task Stream_WhenTheAccessTokenExpires_Ends()
    {
        var client = Factory.ClientFor(Guid.NewGuid(), TimeSpan.FromSeconds(3), PlatformRoles.Analyst);
        await using var stream = await SseClient.OpenAsync(client);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        SseFrame? frame;
        do
        {
            frame = await stream.ReadFrameAsync(TimeSpan.FromSeconds(15));
        }
        while (frame is not null && DateTime.UtcNow < deadline);

        Assert.That(frame, Is.Null, "the stream should end when the token expires");
    }

    [Test]
    public async Task Stream_WhenLastEventIdIsNotANumber_Returns400()
    {
        var client = Factory.User(out _);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "abc");
        using var response = await client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Stream_WhenAnonymous_Returns401()
    {
        using var client = Factory.CreateClient();
        using var response = await client.GetAsync("/api/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
