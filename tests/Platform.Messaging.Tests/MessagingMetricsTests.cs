using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Platform.Messaging.Tests.Contracts;

namespace Platform.Messaging.Tests;

/// <summary>The backbone's metrics on the real PostgreSQL and RabbitMQ: what the relay published and what a consumer applied.</summary>
[NonParallelizable]
public sealed class MessagingMetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string MessageType = typeof(SomethingHappened).FullName!;
    private readonly string _service = $"msgmetric-{Guid.NewGuid():N}"[..18];

    [OneTimeTearDown]
    public Task DeleteQueuesAsync() => MessagingHost.DeleteQueuesAsync(_service);

    private static bool Tagged<T>(CollectedMeasurement<T> measurement, string name, object value)
        where T : struct =>
        measurement.Tags.TryGetValue(name, out var tag) && Equals(tag, value);

    [Test]
    public async Task Commit_IsCountedAsPublishedWithItsDelay_AndAsConsumed()
    {
        await using var host = await MessagingHost.StartAsync(_service);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var published = new MetricCollector<long>(meters, MessagingMetrics.MeterName, "platform.messaging.published");
        using var delay = new MetricCollector<double>(meters, MessagingMetrics.MeterName, "platform.messaging.publish.delay");
        using var consumed = new MetricCollector<long>(meters, MessagingMetrics.MeterName, "platform.messaging.consumed");
        using var failures = new MetricCollector<long>(meters, MessagingMetrics.MeterName, "platform.messaging.publish_failures");

        var happened = SomethingHappened.New(Guid.NewGuid());
        await host.CommitAsync(happened);
        await consumed.WaitForMeasurementsAsync(1, Patience);

        var ours = published.GetMeasurementSnapshot().Where(m => Tagged(m, "message_type", MessageType) && Tagged(m, "service", _service)).ToList();
        var delays = delay.GetMeasurementSnapshot().Where(m => Tagged(m, "message_type", MessageType)).Select(m => m.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ours.Sum(m => m.Value), Is.GreaterThanOrEqualTo(1), "the relay counts the event it published, tagged with type and service");
            Assert.That(delays, Is.Not.Empty.And.All.InRange(0d, Patience.TotalSeconds), "commit to confirm, in seconds");
            Assert.That(failures.GetMeasurementSnapshot(), Is.Empty);
            Assert.That(consumed.GetMeasurementSnapshot().Any(m => Tagged(m, "message_type", MessageType) && Tagged(m, "consumer", "RecordingConsumer")), Is.True);
        });
    }

    [Test]
    public async Task PermanentFailure_IsCountedAsAConsumeFailure()
    {
        await using var host = await MessagingHost.StartAsync(_service);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var failures = new MetricCollector<long>(meters, MessagingMetrics.MeterName, "platform.messaging.consume_failures");

        await host.CommitAsync(SomethingHappened.New(Guid.NewGuid(), behaviour: Behaviour.FailPermanently));
        await failures.WaitForMeasurementsAsync(1, Patience);

        Assert.That(failures.GetMeasurementSnapshot().Any(m => Tagged(m, "permanent", true) && Tagged(m, "error.type", nameof(PermanentMessageException))), Is.True);
    }
}
