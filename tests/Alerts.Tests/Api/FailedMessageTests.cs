using System.Net;
using System.Text.Json;
using Platform.Contracts.MarketData;
using Platform.Testing;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

public sealed class FailedMessageTests
{
    private static Task<List<JsonElement>> WaitForFailedAsync(HttpClient admin, Guid messageId) =>
        EventuallyAsync(
            async () => (await admin.GetJsonAsync("/api/v1/alerts/admin/failed-messages?limit=1000")).Items()
                .Where(m => m.GetProperty("messageId").ValueKind == JsonValueKind.String && m.Str("messageId") == messageId.ToString())
                .ToList(),
            messages => messages.Count > 0,
            $"message {messageId} in the error queue");

    [Test]
    public async Task PricesUpdated_WhenAQuoteHasNoTicker_LandsInTheFailedMessagesAndReplaysBackThere()
    {
        var admin = Factory.Admin(out _);
        var broken = new PricesUpdated(Guid.NewGuid(), DateTimeOffset.UtcNow, [new PriceQuote("", 10m, "USD", DateTimeOffset.UtcNow)]);
        await Factory.PublishAsync(broken);
        try
        {
            var message = (await WaitForFailedAsync(admin, broken.EventId)).Single();
            Assert.That(message.Str("queue"), Is.EqualTo("alerts-prices-updated"));
            Assert.That(message.Str("exceptionType"), Does.Contain("PermanentMessageException"));
            Assert.That(message.Str("body"), Does.Contain(broken.EventId.ToString()));

            // Replay sends it through the consumer again; it fails the same way and is back, once.
            using var replay = await admin.PostAsync($"/api/v1/alerts/admin/failed-messages/{broken.EventId}/replay", null);
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await replay.Content.ReadAsStringAsync());
            await Task.Delay(500);
            Assert.That(await WaitForFailedAsync(admin, broken.EventId), Has.Count.EqualTo(1));
        }
        finally
        {
            await ErrorQueue.RemoveAsync("alerts-prices-updated_error", broken.EventId);
        }
    }

    [Test]
    public async Task Replay_WhenNoFailedMessageHasTheId_Returns404()
    {
        var admin = Factory.Admin(out _);
        using var response = await admin.PostAsync($"/api/v1/alerts/admin/failed-messages/{Guid.NewGuid()}/replay", null);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "messaging.failed_message_not_found");
    }

    [Test]
    public async Task FailedMessages_WhenNotAnAdmin_Returns403()
    {
        var client = Factory.User(out _);
        using var response = await client.GetAsync("/api/v1/alerts/admin/failed-messages");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Outbox_WhenAdmin_ReportsTheBacklog()
    {
        var admin = Factory.Admin(out _);
        var outbox = await admin.GetJsonAsync("/api/v1/alerts/admin/outbox");
        Assert.That(outbox.GetProperty("pending").GetInt32(), Is.GreaterThanOrEqualTo(0));
    }
}
