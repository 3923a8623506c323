using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Platform.Contracts.Deals;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

/// <summary>Alerts' business metrics as an operator's dashboard would read them, from real events.</summary>
public sealed class AlertMetricsTests
{
    private static MetricCollector<long> Collect(string meter, string instrument) =>
        new(Factory.Services.GetRequiredService<IMeterFactory>(), meter, instrument);

    private static bool Tagged(CollectedMeasurement<long> measurement, string name, string value) =>
        measurement.Tags.TryGetValue(name, out var tag) && Equals(tag, value);

    [Test]
    public async Task RejectedDealEvent_CountsOneWarningDealAlertCreated_AndTheConsumedMessage()
    {
        using var created = Collect("Platform.Alerts", "platform.alerts.created");
        using var consumed = Collect("Platform.Messaging", "platform.messaging.consumed");
        var owner = Factory.User(out var ownerId);
        var dealId = Guid.NewGuid();

        await Factory.PublishAsync(new DealRejected(Guid.NewGuid(), DateTimeOffset.UtcNow, dealId, "Metered deal", ownerId, Guid.NewGuid(), "Fix the fee."));
        await owner.WaitForAlertsAboutAsync(dealId.ToString());

        var warnings = created.GetMeasurementSnapshot().Where(m => Tagged(m, "category", "deal") && Tagged(m, "severity", "warning")).Sum(m => m.Value);
        var rejections = consumed.GetMeasurementSnapshot()
            .Where(m => Tagged(m, "message_type", typeof(DealRejected).FullName!) && Tagged(m, "consumer", "DealRejectedConsumer"))
            .Sum(m => m.Value);
        Assert.Multiple(() =>
        {
            Assert.That(warnings, Is.EqualTo(1));
            Assert.That(rejections, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task AlertSentDownAStream_CountsOneDelivered()
    {
        using var delivered = Collect("Platform.Alerts", "platform.alerts.delivered");
        var client = Factory.User(out var userId);
        await using var stream = await SseClient.OpenAsync(client);
        await stream.ReadFrameAsync(TimeSpan.FromSeconds(5));

        await Factory.PublishAsync(new DealApproved(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "Streamed deal", userId, Guid.NewGuid(), "fine"));
        await stream.NextAlertAsync();
        // The frame can reach the client before the server's write returns and counts it.
        await delivered.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(5));

        Assert.That(delivered.GetMeasurementSnapshot().Where(m => Tagged(m, "category", "deal")).Sum(m => m.Value), Is.EqualTo(1));
    }
}
