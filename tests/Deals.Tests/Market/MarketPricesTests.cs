using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Npgsql;
using Platform.Contracts.MarketData;
using Platform.Testing;

namespace Deals.Tests.Market;

/// <summary>PricesUpdated from the real broker becomes each open deal's market figures, beside its versioned row.</summary>
public sealed class MarketPricesTests
{
    private static readonly DateTimeOffset Close = new(2026, 6, 30, 20, 0, 0, TimeSpan.Zero);

    private static DealsApiFactory Api = null!;

    // Generous: under the full suite's load a transient failure of the consumer is retried with
    // exponential back-off (Platform.Messaging), and the event counts once any retry succeeds.
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(90);

    // A host of its own: stopping another deals host in this process (tests that change configuration
    // start and stop one) was seen to cancel the consumers of the shared one too.
    [OneTimeSetUp]
    public async Task Start()
    {
        Api = DealsService.CreateFactory();
        using var warmUp = Api.CreateClient();
        // Until the receive endpoint is up its queue may not be bound, and a published event would be dropped.
        var health = await Api.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        Assert.That(health, Is.EqualTo(BusHealthStatus.Healthy), "the bus did not start");
    }

    [OneTimeTearDown]
    public async Task Stop() => await Api.DisposeAsync();

    private static string NewTicker() => "M" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();

    private static PricesUpdated Prices(params PriceQuote[] quotes) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, quotes);

    private static PriceQuote Quote(string ticker, decimal price, DateTimeOffset? asOf = null, string currency = "USD") => new(ticker, price, currency, asOf ?? Close);

    /// <summary>
    /// Publishes and waits until the deals inbox has applied (or skipped) the event. Generous: under the
    /// full suite's load a transient failure is retried with exponential back-off (Platform.Messaging),
    /// and the event counts as applied once any retry succeeds.
    /// </summary>
    private static async Task ApplyAsync(PricesUpdated prices)
    {
        // Every deals host on the shared test vhost competes for this queue (other fixtures' hosts, the
        // end-to-end suite's deals process). One that stops while holding the event may fault it into the
        // _error queue instead of handing it back, so the event is published again, with the same id, as
        // an admin's replay would: the inbox applies it once whatever the number of copies.
        var deadline = DateTime.UtcNow + EventTimeout;
        var republishAt = DateTime.MinValue;
        while (DateTime.UtcNow < deadline)
        {
            if (DateTime.UtcNow >= republishAt)
            {
                await Api.PublishAsync(prices);
                republishAt = DateTime.UtcNow.AddSeconds(15);
            }

            if (await InboxHasAsync(prices.EventId))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"PricesUpdated {prices.EventId} never reached the inbox within {EventTimeout.TotalSeconds} s");
    }

    private static async Task<bool> InboxHasAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString("deals"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM deals.inbox_messages WHERE message_id = @id AND consumer = 'PricesUpdatedConsumer'", connection);
        command.Parameters.AddWithValue("id", messageId);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, JsonElement deal) =>
        await (await client.GetAsync($"/api/v1/deals/{deal.Id()}")).ReadJsonAsync();

    private static async Task<long> AuditCountAsync(HttpClient client, JsonElement deal) =>
        (await (await client.GetAsync($"/api/v1/deals/{deal.Id()}/audit")).ReadJsonAsync()).GetProperty("totalCount").GetInt64();

    private static decimal Market(JsonElement deal, string figure) => deal.GetProperty("market").GetProperty(figure).GetDecimal();

    [Test]
    public async Task PricesUpdated_CashDeal_StoresMarketFiguresBesideTheAnalystsOwn()
    {
        using var analyst = Api.Analyst(out _);
        var target = NewTicker();
        var deal = await analyst.CreateDealAsync(body => { body["targetTicker"] = target; body["acquirerTicker"] = NewTicker(); });
        Assert.That(deal.GetProperty("market").ValueKind, Is.EqualTo(JsonValueKind.Null));

        await ApplyAsync(Prices(Quote(target, 50m)));

        // Offer 52.50 cash on 50.00: spread 2.50, 5 %; 184 days from 2026-06-30 to 2026-12-31.
        var read = await GetAsync(analyst, deal);
        Assert.Multiple(() =>
        {
            Assert.That(Market(read, "targetPrice"), Is.EqualTo(50m));
            Assert.That(read.GetProperty("market").GetProperty("acquirerPrice").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Market(read, "spread"), Is.EqualTo(2.5m));
            Assert.That(Market(read, "spreadPercent"), Is.EqualTo(5m));
            Assert.That(Market(read, "annualizedReturn"), Is.EqualTo(0.099185m));
            Assert.That(read.GetProperty("market").GetProperty("asOf").GetDateTimeOffset(), Is.EqualTo(Close));
            Assert.That(read.GetProperty("currentTargetPrice").GetDecimal(), Is.EqualTo(50m), "the analyst's own price stays");
            Assert.That(read.GetProperty("spread").GetDecimal(), Is.EqualTo(2.5m));
        });
    }

    [Test]
    public async Task PricesUpdated_StockDeal_UsesTheAcquirersMarketPrice()
    {
        using var analyst = Api.Analyst(out _);
        var (target, acquirer) = (NewTicker(), NewTicker());
        var deal = await analyst.CreateDealAsync(body =>
        {
            body["targetTicker"] = target;
            body["acquirerTicker"] = acquirer;
            body["consideration"] = "stock";
            body["offerPricePerShare"] = null;
            body["exchangeRatio"] = 0.5m;
        });

        await ApplyAsync(Prices(Quote(target, 40m), Quote(acquirer, 90m)));

        // 0.5 × 90 = 45 offered for 40: spread 5, 12.5 %, × 365 / 184 days.
        var read = await GetAsync(analyst, deal);
        Assert.Multiple(() =>
        {
            Assert.That(Market(read, "acquirerPrice"), Is.EqualTo(90m));
            Assert.That(Market(read, "spread"), Is.EqualTo(5m));
            Assert.That(Market(read, "spreadPercent"), Is.EqualTo(12.5m));
            Assert.That(Market(read, "annualizedReturn"), Is.EqualTo(0.247962m));
        });
    }

    [Test]
    public async Task PricesUpdated_MixedDeal_AddsCashAndStock_AcrossSeparateEvents()
    {
        using var analyst = Api.Analyst(out _);
        var (target, acquirer) = (NewTicker(), NewTicker());
        var deal = await analyst.CreateDealAsync(body =>
        {
            body["targetTicker"] = target;
            body["acquirerTicker"] = acquirer;
            body["consideration"] = "mixed";
            body["offerPricePerShare"] = 20m;
            body["exchangeRatio"] = 0.25m;
        });

        await ApplyAsync(Prices(Quote(acquirer, 120m, Close.AddHours(-1))));
        await ApplyAsync(Prices(Quote(target, 48m)));

        // 20 + 0.25 × 120 = 50 offered for 48: spread 2, 4.166667 %, × 365 / 184 days; as of the older price.
        var read = await GetAsync(analyst, deal);
        Assert.Multiple(() =>
        {
            Assert.That(Market(read, "targetPrice"), Is.EqualTo(48m));
            Assert.That(Market(read, "acquirerPrice"), Is.EqualTo(120m));
            Assert.That(Market(read, "spread"), Is.EqualTo(2m));
            Assert.That(Market(read, "spreadPercent"), Is.EqualTo(4.166667m));
            Assert.That(Market(read, "annualizedReturn"), Is.EqualTo(0.082654m));
            Assert.That(read.GetProperty("market").GetProperty("asOf").GetDateTimeOffset(), Is.EqualTo(Close.AddHours(-1)));
        });
    }

    [Test]
    public async Task PricesUpdated_ApprovedDeal_StaysApprovedWithTheSameETagAndHistory()
    {
        using var analyst = Api.Analyst(out _);
        using var reviewer = Api.Reviewer(out _);
        var target = NewTicker();
        var created = await analyst.CreateDealAsync(body => { body["targetTicker"] = target; body["acquirerTicker"] = NewTicker(); });
        var pending = await (await analyst.PostAsync($"/api/v1/deals/{created.Id()}/submit", null)).ReadJsonAsync();
        var approved = await (await reviewer.DecideAsync(pending, "approve")).ReadJsonAsync();
        var auditBefore = await AuditCountAsync(analyst, approved);

        await ApplyAsync(Prices(Quote(target, 51m)));

        var read = await GetAsync(analyst, approved);
        Assert.Multiple(async () =>
        {
            Assert.That(Market(read, "targetPrice"), Is.EqualTo(51m));
            Assert.That(read.GetProperty("reviewStatus").GetString(), Is.EqualTo("approved"));
            Assert.That(read.ETag(), Is.EqualTo(approved.ETag()));
            Assert.That(read.GetProperty("updatedAt").GetDateTimeOffset(), Is.EqualTo(approved.GetProperty("updatedAt").GetDateTimeOffset()));
            Assert.That(await AuditCountAsync(analyst, read), Is.EqualTo(auditBefore), "a price is not an edit");
        });
    }

    [Test]
    public async Task PricesUpdated_DraftDeal_StaysDraftAndItsETagStillWorksForIfMatch()
    {
        using var analyst = Api.Analyst(out _);
        var target = NewTicker();
        var created = await analyst.CreateDealAsync(body => { body["targetTicker"] = target; body["acquirerTicker"] = NewTicker(); });

        await ApplyAsync(Prices(Quote(target, 49m)));

        var read = await GetAsync(analyst, created);
        Assert.That(read.GetProperty("reviewStatus").GetString(), Is.EqualTo("draft"));
        Assert.That(read.ETag(), Is.EqualTo(created.ETag()));
        var patched = await analyst.SendAsync(HttpMethod.Patch, $"/api/v1/deals/{created.Id()}", created.ETag(), new { analystNotes = "Still on track." });
        Assert.That(patched.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "the analyst's If-Match is not made stale by prices");
    }

    [Test]
    public async Task PricesUpdated_OlderAsOf_NeverOverwritesANewerPrice()
    {
        using var analyst = Api.Analyst(out _);
        var target = NewTicker();
        var deal = await analyst.CreateDealAsync(body => { body["targetTicker"] = target; body["acquirerTicker"] = NewTicker(); });

        await ApplyAsync(Prices(Quote(target, 51m, Close)));
        await ApplyAsync(Prices(Quote(target, 47m, Close.AddMinutes(-5))));

        var read = await GetAsync(analyst, deal);
        Assert.That(Market(read, "targetPrice"), Is.EqualTo(51m));
        Assert.That(read.GetProperty("market").GetProperty("asOf").GetDateTimeOffset(), Is.EqualTo(Close));
    }

    [Test]
    public async Task PricesUpdated_Redelivered_IsAppliedOnce()
    {
        using var duplicates = new MetricCollector<long>(Api.Services.GetRequiredService<IMeterFactory>(), "Platform.Messaging", "platform.messaging.duplicates");
        using var analyst = Api.Analyst(out _);
        var target = NewTicker();
        var deal = await analyst.CreateDealAsync(body => { body["targetTicker"] = target; body["acquirerTicker"] = NewTicker(); });
        var prices = Prices(Quote(target, 52m));

        await ApplyAsync(prices);
        await Api.PublishAsync(prices);

        await Polling.UntilAsync(() => Task.FromResult(duplicates.GetMeasurementSnapshot().Count(m => Equals(m.Tags["consumer"], "PricesUpdatedConsumer"))),
            count => count >= 1, "the redelivery to be acknowledged as a duplicate", EventTimeout);
        Assert.That(Market(await GetAsync(analyst, deal), "targetPrice"), Is.EqualTo(52m));
    }

    [Test]
    public async Task PricesUpdated_ClosedDealsAndOtherCurrencies_AreIgnored()
    {
        using var analyst = Api.Analyst(out _);
        var (completedTicker, terminatedTicker, euroTicker) = (NewTicker(), NewTicker(), NewTicker());
        var completed = await analyst.CreateDealAsync(body =>
        {
            body["targetTicker"] = completedTicker;
            body["stage"] = "completed";
            body["actualCloseOn"] = "2026-06-01";
        });
        var terminated = await analyst.CreateDealAsync(body => { body["targetTicker"] = terminatedTicker; body["stage"] = "terminated"; });
        var open = await analyst.CreateDealAsync(body => body["targetTicker"] = euroTicker);

        await ApplyAsync(Prices(Quote(completedTicker, 50m), Quote(terminatedTicker, 50m), Quote(euroTicker, 50m, currency: "EUR")));

        foreach (var deal in new[] { completed, terminated, open })
        {
            Assert.That((await GetAsync(analyst, deal)).GetProperty("market").ValueKind, Is.EqualTo(JsonValueKind.Null), deal.GetProperty("name").GetString());
        }
    }

    [Test]
    public async Task PricesUpdated_AfterTheTargetTickerChanged_HidesThePriceOfTheOldTicker()
    {
        using var analyst = Api.Analyst(out _);
        var target = NewTicker();
        var deal = await analyst.CreateDealAsync(body => { body["targetTicker"] = target; body["acquirerTicker"] = NewTicker(); });
        await ApplyAsync(Prices(Quote(target, 50m)));

        var changed = await (await analyst.SendAsync(HttpMethod.Patch, $"/api/v1/deals/{deal.Id()}", deal.ETag(), new { targetTicker = NewTicker() })).ReadJsonAsync();

        Assert.That(changed.GetProperty("market").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task List_ShowsMarketAndTickerStatusOnEachItem()
    {
        using var analyst = Api.Analyst(out _);
        var target = NewTicker();
        await analyst.CreateDealAsync(body => body["targetTicker"] = target);
        await ApplyAsync(Prices(Quote(target, 50m)));

        var list = await (await analyst.GetAsync($"/api/v1/deals?ticker={target}")).ReadJsonAsync();
        var item = list.GetProperty("items")[0];
        Assert.That(Market(item, "targetPrice"), Is.EqualTo(50m));
        Assert.That(item.TryGetProperty("tickerUnverified", out _), Is.True);
        var byTicker = await (await analyst.GetAsync($"/api/v1/deals/by-ticker/{target}")).ReadJsonAsync();
        Assert.That(Market(byTicker.GetProperty("items")[0], "spread"), Is.EqualTo(2.5m));
    }
}
