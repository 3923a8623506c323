using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// Services reacting to each other, as users see it through the gateway: a submission reaches the
/// reviewer's live alert stream, and the decision reaches the analyst's alert list.
/// </summary>
public sealed class AlertFlowTests
{
    [Test]
    public async Task AnalystSubmits_ReviewerStreamGetsAlert_ReviewerApproves_AnalystSeesDecision()
    {
        // Fresh people, so the alerts service learns of them from identity's events during this test.
        using var admin = await Platform.SignedInAsync("admin@platform.local", "Granite-Ledger-2026!");
        var reviewerEmail = Platform.NewEmail("reviewer");
        var analystEmail = Platform.NewEmail("analyst");
        const string password = "Correct-Horse-Battery-2026";
        await CreateUserAsync(admin, reviewerEmail, password, "reviewer");
        await CreateUserAsync(admin, analystEmail, password, "analyst");
        using var reviewer = await Platform.SignedInAsync(reviewerEmail, password);
        using var analyst = await Platform.SignedInAsync(analystEmail, password);
        await IdentityEventsPublishedAsync(admin);

        using var stream = await reviewer.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/event-stream") } } },
            HttpCompletionOption.ResponseHeadersRead);
        Assert.That(stream.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stream.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync());

        var deal = await Platform.OkJsonAsync(await analyst.PostAsJsonAsync("/api/v1/deals", new
        {
            name = "Umbrella to acquire Hooli",
            type = "acquisition",
            targetName = "Hooli",
            announcedOn = "2026-10-01",
            currency = "USD",
        }), HttpStatusCode.Created);
        var dealId = deal.GetProperty("id").GetString()!;
        var submitted = await Platform.OkJsonAsync(await analyst.PostAsync($"/api/v1/deals/{dealId}/submit", null));

        // The reviewer's stream delivers the alert (heartbeat comments may come first).
        var alert = await NextAlertAsync(events, TimeSpan.FromSeconds(20));
        Assert.That(alert.GetProperty("category").GetString(), Is.EqualTo("deal"));
        Assert.That(alert.GetProperty("subjectId").GetString(), Is.EqualTo(dealId));
        Assert.That(alert.GetProperty("message").GetString(), Does.Contain("Umbrella to acquire Hooli"));

        using var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/deals/{dealId}/approve")
        {
            Content = JsonContent.Create(new { comment = "Terms verified against the 8-K." }),
        };
        approve.Headers.TryAddWithoutValidation("If-Match", $"\"{submitted.GetProperty("version").GetUInt32()}\"");
        await Platform.OkJsonAsync(await reviewer.SendAsync(approve));

        JsonElement decision = default;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var list = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/alerts?category=deal"));
            decision = list.GetProperty("items").EnumerateArray().FirstOrDefault(a => a.GetProperty("subjectId").GetString() == dealId);
            if (decision.ValueKind == JsonValueKind.Object)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.That(decision.ValueKind, Is.EqualTo(JsonValueKind.Object), "the analyst's alert list shows the decision");
        Assert.That(decision.GetProperty("message").GetString(), Does.Contain("Terms verified against the 8-K."));
        var analystAlerts = await Platform.OkJsonAsync(await analyst.GetAsync("/api/v1/alerts?status=all"));
        Assert.That(analystAlerts.GetProperty("items").EnumerateArray().Count(a => a.GetProperty("subjectId").GetString() == dealId), Is.EqualTo(1),
            "the submitting analyst is not alerted about their own submission, only about the decision");

        // Someone else's alert is invisible.
        var alertId = alert.GetProperty("id").GetString();
        Assert.That((await analyst.PostAsync($"/api/v1/alerts/{alertId}/read", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task AlertsOpenApi_IsPublishedThroughTheGateway()
    {
        using var anonymous = Platform.CreateClient();
        var document = await Platform.OkJsonAsync(await anonymous.GetAsync("/openapi/alerts/v1.json"));
        var paths = document.GetProperty("paths");
        Assert.That(paths.TryGetProperty("/api/v1/alerts/stream", out _), Is.True);
        Assert.That(paths.TryGetProperty("/api/v1/alerts/rules", out _), Is.True);
    }

    [Test]
    public async Task AlertStream_WithoutAToken_IsRefusedAtTheGateway()
    {
        using var anonymous = Platform.CreateClient();
        var response = await anonymous.GetAsync("/api/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("logout-all")]
    [TestCase("deactivate")]
    public async Task OpenAlertStream_EndsWithinSeconds_WhenTheUsersSessionsAreRevoked(string how)
    {
        using var admin = await Platform.SignedInAsync("admin@platform.local", "Granite-Ledger-2026!");
        var email = Platform.NewEmail("streamer");
        const string password = "Correct-Horse-Battery-2026";
        var user = await Platform.OkJsonAsync(
            await admin.PostAsJsonAsync("/api/v1/users", new { email, password, displayName = "Stream Watcher", roles = new[] { "analyst" } }),
            HttpStatusCode.Created);
        using var analyst = await Platform.SignedInAsync(email, password);
        using var stream = await analyst.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/event-stream") } } },
            HttpCompletionOption.ResponseHeadersRead);
        Assert.That(stream.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.That(await events.ReadLineAsync(), Is.EqualTo("retry: 3000"));

        var revoked = how == "logout-all"
            ? await analyst.PostAsJsonAsync("/api/v1/auth/logout", new { allSessions = true })
            : await admin.PostAsync($"/api/v1/users/{user.GetProperty("id").GetString()}/deactivate", null);
        Assert.That(revoked.IsSuccessStatusCode, Is.True, await revoked.Content.ReadAsStringAsync());

        // identity -> its revocation relay -> Redis pub/sub -> the alerts replica ends the stream -> the gateway ends the response.
        var lines = new List<string>();
        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await events.ReadLineAsync(within.Token) is { } line)
            {
                lines.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the stream was still open 10 s after the revocation; read: {string.Join(" | ", lines)}");
        }

        Assert.That(lines, Does.Contain("event: session_revoked"));
        using var again = await analyst.GetAsync("/api/v1/alerts/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the gateway refuses the revoked token");
    }

    private static async Task<JsonElement> NextAlertAsync(StreamReader events, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var isAlert = false;
        while (await events.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line == "event: alert")
            {
                isAlert = true;
            }
            else if (isAlert && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
            else if (line.Length == 0)
            {
                isAlert = false;
            }
        }

        throw new AssertionException("the alert stream ended without an alert");
    }

    /// <summary>Waits until identity's outbox is empty: the new users' events have reached the broker.</summary>
    private static async Task IdentityEventsPublishedAsync(HttpClient admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var outbox = await Platform.OkJsonAsync(await admin.GetAsync("/api/v1/users/admin/outbox"));
            if (outbox.GetProperty("pending").GetInt32() == 0)
            {
                // Published; give the alerts consumer a moment to apply them.
                await Task.Delay(500);
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("identity's user events were not published within 20 s");
    }

    private static async Task CreateUserAsync(HttpClient admin, string email, string password, string role) =>
        await Platform.OkJsonAsync(
            await admin.PostAsJsonAsync("/api/v1/users", new { email, password, displayName = email.Split('@')[0], roles = new[] { role } }),
            HttpStatusCode.Created);


}
