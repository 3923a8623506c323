using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Messaging.FailedMessages;
using Platform.Messaging.Outbox;
using Platform.Messaging.Tests.Contracts;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// The promises of the event backbone, on the real PostgreSQL and RabbitMQ: a committed event is
/// delivered even across a broker outage, a redelivery has no second effect, replicas of the relay
/// publish each row once and in order per aggregate, and a poison message can be replayed.
/// </summary>
[NonParallelizable]
public sealed class OutboxAndInboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _service = $"msgtest-{Guid.NewGuid():N}"[..16];
    private readonly List<MessagingHost> _hosts = [];

    // Each test has its own hosts: a relay left running would publish the next test's rows.
    [TearDown]
    public async Task StopHostsAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
    }

    [OneTimeTearDown]
    public Task DeleteQueuesAsync() => MessagingHost.DeleteQueuesAsync(_service);

    [Test]
    public async Task Commit_WhenBrokerIsUp_DeliversOnceUnderTheEventIdAndTheWritersTrace()
    {
        var host = await HostAsync();
        using var listener = ListenToTraces();
        var happened = SomethingHappened.New(Guid.NewGuid());
        ActivityTraceId trace;
        using (var request = new Activity("test request").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            trace = request.TraceId;
            await host.CommitAsync(happened);
        }

        var effects = await WaitForEffectsAsync(host, [happened.EventId]);
        Assert.That(effects.Single().MessageId, Is.EqualTo(happened.EventId), "the broker message id is the event id");
        Assert.That(effects.Single().TraceId, Is.EqualTo(trace.ToHexString()), "the consumer runs in the trace of the request that committed the event");
        var row = (await host.OutboxRowsAsync([happened.EventId])).Single();
        Assert.That(row.PublishedAt, Is.Not.Null);
        Assert.That(row.Attempts, Is.EqualTo(1), $"the first publish failed: {row.LastError}");
    }

    [Test]
    public async Task Commit_WhileBrokerIsDown_IsDeliveredOnceAfterItComesBack()
    {
        await using var proxy = TcpProxy.Start(TestEnvironment.Get("PLATFORM_RABBITMQ_HOST"), int.Parse(TestEnvironment.Get("PLATFORM_RABBITMQ_PORT")));
        var host = await HostAsync(brokerPort: proxy.Port);
        proxy.Cut();
        var events = Enumerable.Range(0, 25).Select(i => SomethingHappened.New(Guid.NewGuid(), i)).ToArray();
        await host.CommitAsync(events);

        // Committed, waiting: the relay either failed to publish (and recorded why) or saw the bus down and waited.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var pending = await host.OutboxRowsAsync(events.Select(e => e.EventId));
        Assert.That(pending, Has.Count.EqualTo(25));
        Assert.That(pending.All(r => r.PublishedAt is null && (r.Attempts == 0 || r.LastError is not null)), Is.True, "not published while the broker is away");
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "outbox");
        Assert.That(health.Entries["outbox"].Data["pending"], Is.GreaterThanOrEqualTo(25));
        Assert.That(health.Entries["outbox"].Status, Is.EqualTo(HealthStatus.Degraded), "readiness tells operators the backlog is older than its warning age");

        proxy.Restore();
        List<Effect> effects = [];
        var ids = events.Select(e => e.EventId).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((effects = await host.EffectsAsync(ids)).Count < ids.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        if (effects.Count < ids.Count)
        {
            // Say where the missing events are stuck: still in the outbox (and why), or published but not applied.
            var rows = await host.OutboxRowsAsync(ids);
            Assert.Fail($"{effects.Count} of {ids.Count} applied; outbox: " + string.Join("; ", rows
                .GroupBy(r => (Published: r.PublishedAt is not null, r.LastError))
                .Select(g => $"{g.Count()} {(g.Key.Published ? "published" : "pending")} ({g.Key.LastError ?? "no error"}, attempts {string.Join(",", g.Select(r => r.Attempts).Distinct())})")));
        }

        Assert.That(effects.Select(e => e.MessageId), Is.Unique);
        Assert.That((await host.OutboxRowsAsync(events.Select(e => e.EventId))).All(r => r.PublishedAt is not null), Is.True);
    }

    [Test]
    public async Task RelayCrash_BetweenPublishAndMark_RepublishesAndTheInboxAbsorbsTheDuplicate()
    {
        var host = await HostAsync();
        var crashes = 0;
        host.Relay.AfterPublish = _ => Interlocked.Increment(ref crashes) == 1
            ? throw new InvalidOperationException("relay process died here")
            : Task.CompletedTask;
        try
        {
            var happened = SomethingHappened.New(Guid.NewGuid());
            await host.CommitAsync(happened);

            var effects = await WaitForEffectsAsync(host, [happened.EventId]);
            await WaitUntilAsync(() => Task.FromResult(host.Deliveries.Count(happened.EventId) >= 2));
            await Task.Delay(500);
            Assert.That(host.Deliveries.Count(happened.EventId), Is.EqualTo(2), "published twice: before the crash and after");
            Assert.That((await host.EffectsAsync([happened.EventId])).Count, Is.EqualTo(1), "applied once");
            Assert.That(effects.Single().MessageId, Is.EqualTo(happened.EventId));
        }
        finally
        {
            host.Relay.AfterPublish = null;
        }
    }

    [Test]
    public async Task TwoRelays_OnOneOutbox_PublishEachRowOnceInOrderPerAggregate()
    {
        var consumer = await HostAsync();
        var secondReplica = await MessagingHost.StartAsync(_service, consume: false);
        _hosts.Add(secondReplica);
        var claimedBy = new int[2];
        consumer.Relay.AfterPublish = rows => Task.FromResult(Interlocked.Add(ref claimedBy[0], rows.Count));
        secondReplica.Relay.AfterPublish = rows => Task.FromResult(Interlocked.Add(ref claimedBy[1], rows.Count));
        try
        {
            var aggregates = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
            var events = (from index in Enumerable.Range(0, 20) from aggregate in aggregates select SomethingHappened.New(aggregate, index)).ToList();
            // Written by both replicas in 10 transactions while both relays run, as successive requests would.
            foreach (var (chunk, i) in events.Chunk(40).Select((chunk, i) => (chunk, i)))
            {
                await (i % 2 == 0 ? consumer : secondReplica).CommitAsync(chunk);
            }

            var effects = await WaitForEffectsAsync(consumer, events.Select(e => e.EventId).ToList());
            await Task.Delay(500);
            var ids = events.Select(e => e.EventId).ToHashSet();
            var deliveries = consumer.Deliveries.MessageIds.Where(ids.Contains).ToList();
            Assert.That(deliveries, Has.Count.EqualTo(400), "each of the 400 rows published exactly once");
            Assert.That(deliveries, Is.Unique);
            foreach (var aggregate in effects.GroupBy(e => e.AggregateId))
            {
                Assert.That(aggregate.Select(e => e.Index), Is.EqualTo(Enumerable.Range(0, 20)), $"aggregate {aggregate.Key} in commit order");
            }

            TestContext.Out.WriteLine($"rows claimed: replica 1 {claimedBy[0]}, replica 2 {claimedBy[1]}");
            Assert.That(claimedBy.Sum(), Is.EqualTo(400));
        }
        finally
        {
            consumer.Relay.AfterPublish = null;
            secondReplica.Relay.AfterPublish = null;
        }
    }

    [Test]
    public async Task PoisonMessage_LandsInTheErrorQueueWithoutRetries_AndReplayAppliesItOnce()
    {
        var host = await HostAsync();
        var poison = SomethingHappened.New(Guid.NewGuid(), behaviour: Behaviour.FailPermanently);
        await host.CommitAsync(poison);

        var errors = host.Services.GetRequiredService<ErrorQueues>();
        FailedMessage? failed = null;
        await WaitUntilAsync(async () => (failed = (await errors.ListAsync(1000, CancellationToken.None)).FirstOrDefault(m => m.MessageId == poison.EventId)) is not null);
        Assert.That(failed!.ExceptionType, Does.Contain(nameof(PermanentMessageException)));
        Assert.That(failed.ExceptionMessage, Is.EqualTo("This message breaks a rule."));
        Assert.That(host.Deliveries.Count(poison.EventId), Is.EqualTo(1), "a permanent failure is not retried");
        Assert.That(await host.EffectsAsync([poison.EventId]), Is.Empty);
        Assert.That((await errors.ListAsync(1000, CancellationToken.None)).Count(m => m.MessageId == poison.EventId), Is.EqualTo(1), "listing leaves it in place");

        RecordingConsumer.Cured[poison.EventId] = true;
        Assert.That(await errors.ReplayAsync(poison.EventId, CancellationToken.None), Is.EqualTo(1));

        var effects = await WaitForEffectsAsync(host, [poison.EventId]);
        Assert.That(effects, Has.Count.EqualTo(1));
        Assert.That((await errors.ListAsync(1000, CancellationToken.None)).Any(m => m.MessageId == poison.EventId), Is.False, "gone from the error queue");
        Assert.That(await errors.ReplayAsync(poison.EventId, CancellationToken.None), Is.Zero, "nothing left to replay");
    }

    [Test]
    public async Task Purge_RemovesPublishedAndProcessedRowsPastRetention_AndKeepsPendingOnes()
    {
        var host = await HostAsync();
        var old = DateTimeOffset.UtcNow.AddDays(-8);
        var published = SomethingHappened.New(Guid.NewGuid());
        var recent = SomethingHappened.New(Guid.NewGuid());
        var pendingLongAgo = SomethingHappened.New(Guid.NewGuid());
        var inboxId = Guid.NewGuid();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDb>();
            // Written as rows a week and more old: published, published recently, never published.
            db.AddIntegrationEvent(published, published.AggregateId);
            db.AddIntegrationEvent(recent, recent.AggregateId);
            db.AddIntegrationEvent(pendingLongAgo, pendingLongAgo.AggregateId);
            db.Set<Inbox.InboxMessage>().Add(new Inbox.InboxMessage { MessageId = inboxId, Consumer = "old", MessageType = "x", ProcessedAt = old });
            await db.SaveChangesAsync();
            var table = $"\"{TestDb.Schema}\".outbox_messages";
#pragma warning disable EF1002 // test schema name, no input
            await db.Database.ExecuteSqlRawAsync($"UPDATE {table} SET published_at = {{0}}, created_at = {{0}} WHERE id = {{1}}", old, published.EventId);
            await db.Database.ExecuteSqlRawAsync($"UPDATE {table} SET published_at = now() WHERE id = {{0}}", recent.EventId);
            // Out of the relay's reach (far-future next attempt), as a row stuck behind a failing publish would be.
            await db.Database.ExecuteSqlRawAsync($"UPDATE {table} SET created_at = {{0}}, next_attempt_at = now() + interval '1 day' WHERE id = {{1}}", old, pendingLongAgo.EventId);
#pragma warning restore EF1002
        }

        await host.Relay.PurgeAsync(CancellationToken.None);

        var left = (await host.OutboxRowsAsync([published.EventId, recent.EventId, pendingLongAgo.EventId])).Select(r => r.Id);
        Assert.That(left, Is.EquivalentTo(new[] { recent.EventId, pendingLongAgo.EventId }), "only delivered rows past retention go; an undelivered one never does");
        await using var check = host.Services.CreateAsyncScope();
        Assert.That(await check.ServiceProvider.GetRequiredService<TestDb>().Set<Inbox.InboxMessage>().AnyAsync(m => m.MessageId == inboxId), Is.False);
    }

    [Test]
    public async Task TransientFailure_IsRetriedUntilItSucceeds()
    {
        var host = await HostAsync();
        var flaky = SomethingHappened.New(Guid.NewGuid(), behaviour: Behaviour.FailTwiceThenApply);
        await host.CommitAsync(flaky);

        var effects = await WaitForEffectsAsync(host, [flaky.EventId]);
        Assert.That(effects, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SameMessageId_DeliveredTwice_HasOneEffect()
    {
        var host = await HostAsync();
        var happened = SomethingHappened.New(Guid.NewGuid());
        var bus = host.Services.GetRequiredService<IBus>();
        // Two deliveries of one message, as a broker redelivery or a second publish would make.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => bus.Publish(happened, context => context.MessageId = happened.EventId)));

        await WaitUntilAsync(() => Task.FromResult(host.Deliveries.Count(happened.EventId) == 2));
        await Task.Delay(300);
        Assert.That(await host.EffectsAsync([happened.EventId]), Has.Count.EqualTo(1));
    }

    private async Task<MessagingHost> HostAsync(int? brokerPort = null)
    {
        var host = await MessagingHost.StartAsync(_service, brokerPort: brokerPort);
        _hosts.Add(host);
        return host;
    }

    private static async Task<List<Effect>> WaitForEffectsAsync(MessagingHost host, IReadOnlyCollection<Guid> messageIds)
    {
        List<Effect> effects = [];
        await WaitUntilAsync(async () => (effects = await host.EffectsAsync(messageIds)).Count >= messageIds.Count);
        return effects;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not within {Patience.TotalSeconds} s");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Tracing switched on, as OpenTelemetry does when an exporter is configured.</summary>
    private static TraceRecorder ListenToTraces() => new();

    private sealed class TraceRecorder : IDisposable
    {
        private readonly ActivityListener _listener;

        public TraceRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "MassTransit" or "Platform.Messaging",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public void Dispose() => _listener.Dispose();
    }
}
