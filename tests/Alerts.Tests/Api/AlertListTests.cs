using System.Net;
using Alerts.Application.Persistence;
using Alerts.Domain;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

public sealed class AlertListTests
{
    /// <summary>Alerts written straight to the database: these tests are about the API, not the events.</summary>
    private static async Task<List<Alert>> SeedAsync(Guid recipientId, params (AlertCategory Category, AlertSeverity Severity)[] kinds)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertsDb>();
        var alerts = new List<Alert>();
        foreach (var (category, severity) in kinds)
        {
            // One at a time, so the sequence follows the list order.
            var alert = Alert.Create(recipientId, severity, category, $"{category} {severity}", "seeded", AlertSubject.Deal(Guid.NewGuid()), Guid.NewGuid(), DateTimeOffset.UtcNow);
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
            alerts.Add(alert);
        }

        return alerts;
    }

    private static List<string> Ids(System.Text.Json.JsonElement page) => page.Items().Select(a => a.Str("id")).ToList();

    [Test]
    public async Task List_ByDefault_ReturnsOnlyTheCallersActiveAlertsNewestFirst()
    {
        var client = Factory.User(out var userId);
        var seeded = await SeedAsync(userId, (AlertCategory.Deal, AlertSeverity.Info), (AlertCategory.Market, AlertSeverity.Warning), (AlertCategory.Risk, AlertSeverity.Critical));
        await SeedAsync(Guid.NewGuid(), (AlertCategory.Deal, AlertSeverity.Info));
        await client.PostAsync($"/api/v1/alerts/{seeded[1].Id}/dismiss", null);

        var page = await client.GetJsonAsync("/api/v1/alerts");
        Assert.That(Ids(page), Is.EqualTo(new[] { seeded[2].Id.ToString(), seeded[0].Id.ToString() }));
        Assert.That(page.GetProperty("totalCount").GetInt64(), Is.EqualTo(2));
        Assert.That(page.GetProperty("page").GetInt32(), Is.EqualTo(1));
        Assert.That(page.GetProperty("pageSize").GetInt32(), Is.EqualTo(50));
        var first = page.Items()[0];
        Assert.That(first.Str("category"), Is.EqualTo("risk"));
        Assert.That(first.Str("severity"), Is.EqualTo("critical"));
        Assert.That(first.GetProperty("sequence").GetInt64(), Is.GreaterThan(page.Items()[1].GetProperty("sequence").GetInt64()));
    }

    [Test]
    public async Task List_WhenFilteredByStatusCategoryOrSeverity_ReturnsOnlyMatches()
    {
        var client = Factory.User(out var userId);
        var seeded = await SeedAsync(userId,
            (AlertCategory.Deal, AlertSeverity.Info), (AlertCategory.Market, AlertSeverity.Warning),
            (AlertCategory.Risk, AlertSeverity.Critical), (AlertCategory.Market, AlertSeverity.Info));
        await client.PostAsync($"/api/v1/alerts/{seeded[0].Id}/read", null);
        await client.PostAsync($"/api/v1/alerts/{seeded[1].Id}/dismiss", null);

        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts?status=read")), Is.EqualTo(new[] { seeded[0].Id.ToString() }));
        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts?status=unread")), Is.EqualTo(new[] { seeded[3].Id.ToString(), seeded[2].Id.ToString() }));
        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts?status=dismissed")), Is.EqualTo(new[] { seeded[1].Id.ToString() }));
        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts?status=all")), Has.Count.EqualTo(4));
        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts?status=all&category=market")),
            Is.EqualTo(new[] { seeded[3].Id.ToString(), seeded[1].Id.ToString() }));
        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts?severity=critical")), Is.EqualTo(new[] { seeded[2].Id.ToString() }));
        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts?category=Market&severity=info")), Is.EqualTo(new[] { seeded[3].Id.ToString() }));
    }

    [Test]
    public async Task List_WhenPaged_ReturnsThatPageAndTheTotal()
    {
        var client = Factory.User(out var userId);
        var seeded = await SeedAsync(userId, Enumerable.Range(0, 5).Select(_ => (AlertCategory.System, AlertSeverity.Info)).ToArray());

        var page = await client.GetJsonAsync("/api/v1/alerts?page=2&pageSize=2");
        Assert.That(Ids(page), Is.EqualTo(new[] { seeded[2].Id.ToString(), seeded[1].Id.ToString() }));
        Assert.That(page.GetProperty("totalCount").GetInt64(), Is.EqualTo(5));
        Assert.That(page.GetProperty("pageSize").GetInt32(), Is.EqualTo(2));
        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts?page=4&pageSize=2")), Is.Empty);
    }

    [TestCase("status=new", "status")]
    [TestCase("category=weather", "category")]
    [TestCase("severity=1", "severity")]
    [TestCase("pageSize=201", "pageSize")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("page=0", "page")]
    // (page - 1) * pageSize would overflow an int: the shared paging rule bounds the page.
    [TestCase("page=2147483647&pageSize=200", "page")]
    [TestCase("page=10000001", "page")]
    // Not an int at all: refused at binding, still naming the parameter.
    [TestCase("page=99999999999", "page")]
    [TestCase("pageSize=lots", "pageSize")]
    public async Task List_WhenAQueryValueIsBad_Returns400WithTheField(string query, string field)
    {
        var client = Factory.User(out _);
        using var response = await client.GetAsync($"/api/v1/alerts?{query}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task List_WhenAnonymous_Returns401()
    {
        using var client = Factory.CreateClient();
        using var response = await client.GetAsync("/api/v1/alerts");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Get_WhenOwnAlert_ReturnsIt()
    {
        var client = Factory.User(out var userId);
        var seeded = (await SeedAsync(userId, (AlertCategory.Loan, AlertSeverity.Warning)))[0];
        var alert = await client.GetJsonAsync($"/api/v1/alerts/{seeded.Id}");
        Assert.That(alert.Str("id"), Is.EqualTo(seeded.Id.ToString()));
        Assert.That(alert.Str("category"), Is.EqualTo("loan"));
        Assert.That(alert.GetProperty("readAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task Read_WhenDoneTwice_Returns200AndKeepsTheFirstTime()
    {
        var client = Factory.User(out var userId);
        var seeded = (await SeedAsync(userId, (AlertCategory.Deal, AlertSeverity.Info)))[0];
        using var first = await client.PostAsync($"/api/v1/alerts/{seeded.Id}/read", null);
        var readAt = (await first.ReadJsonAsync()).Str("readAt");
        using var second = await client.PostAsync($"/api/v1/alerts/{seeded.Id}/read", null);
        Assert.That((await second.ReadJsonAsync()).Str("readAt"), Is.EqualTo(readAt));
    }

    [Test]
    public async Task Dismiss_WhenDoneTwice_Returns200AndHidesItFromTheActiveList()
    {
        var client = Factory.User(out var userId);
        var seeded = (await SeedAsync(userId, (AlertCategory.Deal, AlertSeverity.Info)))[0];
        using var first = await client.PostAsync($"/api/v1/alerts/{seeded.Id}/dismiss", null);
        var dismissedAt = (await first.ReadJsonAsync()).Str("dismissedAt");
        using var second = await client.PostAsync($"/api/v1/alerts/{seeded.Id}/dismiss", null);
        Assert.That((await second.ReadJsonAsync()).Str("dismissedAt"), Is.EqualTo(dismissedAt));
        Assert.That(Ids(await client.GetJsonAsync("/api/v1/alerts")), Is.Empty);
    }

    [Test]
    public async Task DismissAll_WhenCategoryGiven_DismissesOnlyThatCategoryOfTheCaller()
    {
        var client = Factory.User(out var userId);
        var other = Guid.NewGuid();
        await SeedAsync(userId, (AlertCategory.Market, AlertSeverity.Info), (AlertCategory.Market, AlertSeverity.Warning), (AlertCategory.Deal, AlertSeverity.Info));
        var othersAlert = (await SeedAsync(other, (AlertCategory.Market, AlertSeverity.Info)))[0];

        using var response = await client.PostAsync("/api/v1/alerts/dismiss-all?category=market", null);
        Assert.That((await response.ReadJsonAsync()).GetProperty("dismissed").GetInt32(), Is.EqualTo(2));
        Assert.That((await client.GetJsonAsync("/api/v1/alerts")).Items().Select(a => a.Str("category")), Is.EqualTo(new[] { "deal" }));

        using var all = await client.PostAsync("/api/v1/alerts/dismiss-all", null);
        Assert.That((await all.ReadJsonAsync()).GetProperty("dismissed").GetInt32(), Is.EqualTo(1));
        using var again = await client.PostAsync("/api/v1/alerts/dismiss-all", null);
        Assert.That((await again.ReadJsonAsync()).GetProperty("dismissed").GetInt32(), Is.Zero);

        var otherClient = Factory.ClientFor(other, "analyst");
        Assert.That((await otherClient.GetJsonAsync($"/api/v1/alerts/{othersAlert.Id}")).GetProperty("dismissedAt").ValueKind,
            Is.EqualTo(System.Text.Json.JsonValueKind.Null), "someone else's alerts are untouched");
    }

    [Test]
    public async Task DismissAll_WhenCategoryIsBad_Returns400()
    {
        var client = Factory.User(out _);
        using var response = await client.PostAsync("/api/v1/alerts/dismiss-all?category=nope", null);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("GET", "")]
    [TestCase("POST", "/read")]
    [TestCase("POST", "/dismiss")]
    public async Task AnotherUsersAlert_WhenAccessed_Returns404NotFound(string method, string suffix)
    {
        var owner = Factory.User(out var ownerId);
        var seeded = (await SeedAsync(ownerId, (AlertCategory.Deal, AlertSeverity.Info)))[0];
        var stranger = Factory.User(out _);

        using var response = await stranger.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/alerts/{seeded.Id}{suffix}"));
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "alert.not_found");
        var alert = await owner.GetJsonAsync($"/api/v1/alerts/{seeded.Id}");
        Assert.That(alert.GetProperty("readAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(alert.GetProperty("dismissedAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }
}
