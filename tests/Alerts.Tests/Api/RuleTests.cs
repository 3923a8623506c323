using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.MarketData;
using Platform.Contracts.Portfolio;
using Platform.Testing;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

public sealed class RuleTests
{
    // Rules outlive the run in the shared database: a fresh ticker keeps other runs' rules out of this test.
    private static string FreshTicker() => "Z" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/alerts/rules", body);
        var rule = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/alerts/rules/{rule.Str("id")}"));
        return rule;
    }

    private static async Task<JsonElement> RuleAsync(HttpClient client, string id) =>
        (await client.GetJsonAsync("/api/v1/alerts/rules")).EnumerateArray().Single(r => r.Str("id") == id);

    private static PricesUpdated Prices(string ticker, decimal price, DateTimeOffset asOf) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, [new PriceQuote(ticker, price, "USD", asOf)]);

    [Test]
    public async Task Rules_WhenCreatedListedAndDeleted_BehaveAsCrud()
    {
        var client = Factory.User(out _);
        var ticker = FreshTicker();
        var price = await CreateAsync(client, new { kind = "priceAbove", ticker, threshold = 150.5m });
        Assert.That(price.Str("kind"), Is.EqualTo("priceAbove"));
        Assert.That(price.GetProperty("armed").GetBoolean(), Is.True);
        Assert.That(price.GetProperty("threshold").GetDecimal(), Is.EqualTo(150.5m));
        var portfolioId = Guid.NewGuid();
        var risk = await CreateAsync(client, new { kind = "varAbove", portfolioId, threshold = 1000 });
        Assert.That(risk.Str("portfolioId"), Is.EqualTo(portfolioId.ToString()));

        var listed = (await client.GetJsonAsync("/api/v1/alerts/rules")).EnumerateArray().Select(r => r.Str("id")).ToList();
        Assert.That(listed, Is.EqualTo(new[] { price.Str("id"), risk.Str("id") }));

        using var deleted = await client.DeleteAsync($"/api/v1/alerts/rules/{price.Str("id")}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var again = await client.DeleteAsync($"/api/v1/alerts/rules/{price.Str("id")}");
        await again.AssertProblemAsync(HttpStatusCode.NotFound, "alert_rule.not_found");
        Assert.That((await client.GetJsonAsync("/api/v1/alerts/rules")).EnumerateArray().Select(r => r.Str("id")), Is.EqualTo(new[] { risk.Str("id") }));
    }

    [Test]
    public async Task Delete_WhenAnotherUsersRule_Returns404AndKeepsIt()
    {
        var owner = Factory.User(out _);
        var rule = await CreateAsync(owner, new { kind = "priceBelow", ticker = FreshTicker(), threshold = 1 });
        var stranger = Factory.User(out _);
        using var response = await stranger.DeleteAsync($"/api/v1/alerts/rules/{rule.Str("id")}");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "alert_rule.not_found");
        Assert.That(await stranger.GetJsonAsync("/api/v1/alerts/rules"), Has.Property("ValueKind").EqualTo(JsonValueKind.Array));
        Assert.That((await stranger.GetJsonAsync("/api/v1/alerts/rules")).GetArrayLength(), Is.Zero);
        Assert.That((await RuleAsync(owner, rule.Str("id"))).Str("ticker"), Is.Not.Empty);
    }

    [Test]
    public async Task PriceRule_FiresOnAQuoteStampedWithALocalOffset()
    {
        // Marketdata's closes are 16:00 New York time; an offset other than UTC must not poison the consumer.
        var client = Factory.User(out _);
        var ticker = FreshTicker();
        await CreateAsync(client, new { kind = "priceAbove", ticker, threshold = 10 });

        await Factory.PublishAsync(Prices(ticker, 11m, new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.FromHours(-5))));

        var alerts = await client.WaitForAlertsAboutAsync(ticker);
        Assert.That(alerts.Single().Str("title"), Is.EqualTo($"{ticker} above 10"));
    }

    private static IEnumerable<TestCaseData> InvalidRules()
    {
        yield return new TestCaseData(new { ticker = "AAPL", threshold = 1 }, "kind").SetName("Create_WhenKindMissing_Returns400ForKind");
        yield return new TestCaseData(new { kind = "priceAround", ticker = "AAPL", threshold = 1 }, "kind").SetName("Create_WhenKindUnknown_Returns400ForKind");
        yield return new TestCaseData(new { kind = "priceAbove", threshold = 1 }, "ticker").SetName("Create_WhenPriceRuleHasNoTicker_Returns400ForTicker");
        yield return new TestCaseData(new { kind = "priceAbove", ticker = "aapl", threshold = 1 }, "ticker").SetName("Create_WhenTickerLowerCase_Returns400ForTicker");
        yield return new TestCaseData(new { kind = "priceAbove", ticker = "ABCDEFGHIJKLM", threshold = 1 }, "ticker").SetName("Create_WhenTickerTooLong_Returns400ForTicker");
        yield return new TestCaseData(new { kind = "priceAbove", ticker = "AAPL", threshold = 0 }, "threshold").SetName("Create_WhenThresholdZero_Returns400ForThreshold");
        yield return new TestCaseData(new { kind = "priceAbove", ticker = "AAPL" }, "threshold").SetName("Create_WhenThresholdMissing_Returns400ForThreshold");
        yield return new TestCaseData(new { kind = "varAbove", threshold = 5 }, "portfolioId").SetName("Create_WhenVarRuleHasNoPortfolio_Returns400ForPortfolioId");
        yield return new TestCaseData(new { kind = "varAbove", portfolioId = Guid.NewGuid(), ticker = "AAPL", threshold = 5 }, "ticker").SetName("Create_WhenVarRuleHasTicker_Returns400ForTicker");
    }

    [TestCaseSource(nameof(InvalidRules))]
    public async Task Create_WhenInvalid_Returns400WithTheFieldError(object body, string field)
    {
        var client = Factory.User(out _);
        using var response = await client.PostAsJsonAsync("/api/v1/alerts/rules", body);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Create_WhenTheCallerHas100Rules_Returns422()
    {
        var client = Factory.User(out _);
        var ticker = FreshTicker();
        for (var i = 0; i < 100; i++)
        {
            using var created = await client.PostAsJsonAsync("/api/v1/alerts/rules", new { kind = "priceAbove", ticker, threshold = i + 1 });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var response = await client.PostAsJsonAsync("/api/v1/alerts/rules", new { kind = "priceAbove", ticker, threshold = 1000 });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "alert_rule.limit_reached");
    }

    [Test]
    public async Task PriceRule_WhenPricesCrossTheThreshold_FiresOnceStaysQuietRearmsAndFiresAgain()
    {
        var client = Factory.User(out _);
        var ticker = FreshTicker();
        var rule = await CreateAsync(client, new { kind = "priceAbove", ticker, threshold = 100 });
        var id = rule.Str("id");

        await Factory.PublishAsync(Prices(ticker, 101m, T0.AddSeconds(1)));
        var fired = await client.WaitForAlertsAboutAsync(ticker);
        Assert.That(fired, Has.Count.EqualTo(1));
        Assert.That(fired[0].Str("category"), Is.EqualTo("market"));
        Assert.That(fired[0].Str("severity"), Is.EqualTo("warning"));
        Assert.That(fired[0].Str("subjectType"), Is.EqualTo("ticker"));
        Assert.That((await RuleAsync(client, id)).GetProperty("armed").GetBoolean(), Is.False);

        await Factory.PublishAsync(Prices(ticker, 102m, T0.AddSeconds(2)));
        await EventuallyAsync(() => RuleAsync(client, id), r => r.GetProperty("lastValue").GetDecimal() == 102m, "the second quote observed");
        Assert.That(await client.AlertsAboutAsync(ticker), Has.Count.EqualTo(1), "quiet while the price stays above");

        // Older than the last observation: ignored, so it neither re-arms nor changes the last value.
        await Factory.PublishAsync(Prices(ticker, 50m, T0));
        await Factory.PublishAsync(Prices(ticker, 99m, T0.AddSeconds(3)));
        var rearmed = await EventuallyAsync(() => RuleAsync(client, id), r => r.GetProperty("lastValue").GetDecimal() == 99m, "the drop observed");
        Assert.That(rearmed.GetProperty("armed").GetBoolean(), Is.True);

        await Factory.PublishAsync(Prices(ticker, 103m, T0.AddSeconds(4)));
        Assert.That(await client.WaitForAlertsAboutAsync(ticker, 2), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task VarRule_WhenTheEventIsAboutAnotherOwnersPortfolio_NeverFires()
    {
        var owner = Factory.User(out var ownerId);
        var snoop = Factory.User(out _);
        var portfolioId = Guid.NewGuid();
        var ownersRule = await CreateAsync(owner, new { kind = "varAbove", portfolioId, threshold = 1000 });
        var snoopsRule = await CreateAsync(snoop, new { kind = "varAbove", portfolioId, threshold = 1000 });

        await Factory.PublishAsync(new PortfolioRiskCalculated(Guid.NewGuid(), DateTimeOffset.UtcNow, portfolioId, ownerId, "Growth", 2500m, 0.99m, "USD", DateTimeOffset.UtcNow));

        var alert = (await owner.WaitForAlertsAboutAsync(portfolioId.ToString())).Single();
        Assert.That(alert.Str("category"), Is.EqualTo("risk"));
        Assert.That(alert.Str("severity"), Is.EqualTo("critical"));
        Assert.That((await RuleAsync(owner, ownersRule.Str("id"))).GetProperty("armed").GetBoolean(), Is.False);

        // The owner's alert proves the event was applied; the other user's rule saw nothing of it.
        Assert.That(await snoop.AlertsAboutAsync(portfolioId.ToString()), Is.Empty);
        var untouched = await RuleAsync(snoop, snoopsRule.Str("id"));
        Assert.That(untouched.GetProperty("armed").GetBoolean(), Is.True);
        Assert.That(untouched.GetProperty("lastValue").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
