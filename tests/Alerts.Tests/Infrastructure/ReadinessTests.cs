using System.Text.Json;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Infrastructure;

public sealed class ReadinessTests
{
    [Test]
    public async Task Ready_WhenTheListenerIsConnected_ReportsAlertNotificationsHealthy()
    {
        // The checks' details are for operators: an admin's token shows them.
        using var client = Factory.Admin(out _);
        // The status code depends on every dependency (a degraded outbox elsewhere is not this test's concern); the check's entry is.
        var check = await EventuallyAsync(
            async () =>
            {
                using var response = await client.GetAsync("/health/ready");
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                return body.GetProperty("checks").GetProperty("alert-notifications").GetProperty("status").GetString();
            },
            status => status == "Healthy",
            "the alert notification listener to connect");
        Assert.That(check, Is.EqualTo("Healthy"));
    }
}
