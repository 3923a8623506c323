using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Messaging;

/// <summary>
/// The event backbone's business metrics (meter <c>Platform.Messaging</c>): what the outbox relay
/// published and how long after commit, what the inbox consumers applied, skipped or failed.
/// Message types are tagged by full contract name, the same text as the outbox and inbox tables.
/// </summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "Platform.Messaging";

    // Commit to confirm is milliseconds when all is well and minutes across a broker outage.
    private static readonly double[] DelayBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

    private readonly string _service;
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Histogram<double> _publishDelay;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _consumeFailures;
    private readonly Counter<long> _duplicates;

    public MessagingMetrics(IMeterFactory meters, string service)
    {
        _service = service;
        var meter = meters.Create(MeterName);
        _published = meter.CreateCounter<long>("platform.messaging.published", "{event}", "Events published from the outbox with a broker confirm");
        _publishFailures = meter.CreateCounter<long>("platform.messaging.publish_failures", "{event}", "Publish attempts that failed; the row is retried later");
        _publishDelay = meter.CreateHistogram("platform.messaging.publish.delay", "s", "From the outbox row's commit to the broker's confirm",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DelayBuckets });
        _consumed = meter.CreateCounter<long>("platform.messaging.consumed", "{message}", "Messages applied by an inbox consumer and committed");
        _consumeFailures = meter.CreateCounter<long>("platform.messaging.consume_failures", "{message}",
            "Consume attempts that threw; permanent ones go straight to the error queue, others are retried first");
        _duplicates = meter.CreateCounter<long>("platform.messaging.duplicates", "{message}", "Redelivered messages acknowledged without a second effect");
    }

    internal void Published(string messageType, TimeSpan sinceCommit)
    {
        var tags = new TagList { { "message_type", messageType }, { "service", _service } };
        _published.Add(1, tags);
        _publishDelay.Record(Math.Max(0, sinceCommit.TotalSeconds), tags);
    }

    internal void PublishFailed(string messageType) =>
        _publishFailures.Add(1, new TagList { { "message_type", messageType }, { "service", _service } });

    internal void Consumed(string messageType, string consumer) =>
        _consumed.Add(1, new TagList { { "message_type", messageType }, { "consumer", consumer } });

    internal void ConsumeFailed(string messageType, string consumer, Exception exception) =>
        _consumeFailures.Add(1, new TagList
        {
            { "message_type", messageType },
            { "consumer", consumer },
            { "error.type", exception.GetType().Name },
            { "permanent", exception is PermanentMessageException },
        });

    internal void Duplicate(string messageType, string consumer) =>
        _duplicates.Add(1, new TagList { { "message_type", messageType }, { "consumer", consumer } });
}
