using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Alerts.Application.Consumers;
using Alerts.Application.Persistence;
using Alerts.Domain;
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
    public async Task WrittenAlert_CountsOneCreated_TaggedWithCategoryAndSeverity()
    {
        using var created = Collect("Platform.Alerts", "platform.alerts.created");
        var recipient = Guid.NewGuid();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AlertsDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var alert = Alert.Create(recipient, AlertSeverity.Warning, AlertCategory.Deal, "Deal rejected", "Fix the fee.",
                AlertSubject.Deal(Guid.NewGuid()), Guid.NewGuid(), DateTimeOffset.UtcNow);
            await db.AddAlertsAsync([alert], CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var warnings = created.GetMeasurementSnapshot().Where(m => Tagged(m, "category", "deal") && Tagged(m, "severity", "warning")).Sum(m => m.Value);
        Assert.That(warnings, Is.EqualTo(1));
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
