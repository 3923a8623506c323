using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Deals.Tests.Tickers;

/// <summary>
/// Deals asks marketdata about the tickers a change introduces. No marketdata runs here (the end-to-end
/// tests reach the real one), so these are the outage paths: the deal is saved, flagged, and fast.
/// </summary>
public sealed class TickerVerificationTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    private static string NewTicker() => "T" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();

    private static MetricCollector<long> Calls(DealsApiFactory api) =>
        new(api.Services.GetRequiredService<IMeterFactory>(), "Platform.Deals", "platform.deals.ticker_checks");

    private static long Total(MetricCollector<long> calls) => calls.GetMeasurementSnapshot().Sum(m => m.Value);

    [Test]
    public async Task Create_WhenMarketdataIsUnreachable_Is201QuicklyAndFlaggedUnverified()
    {
        using var analyst = Api.Analyst(out _);
        var target = NewTicker();

        var clock = Stopwatch.StartNew();
        var deal = await analyst.CreateDealAsync(body => body["targetTicker"] = target);
        clock.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(deal.GetProperty("tickerUnverified").GetBoolean(), Is.True);
            Assert.That(deal.GetProperty("targetTickerStatus").GetString(), Is.EqualTo("unverified"));
        });
        var read = await (await analyst.GetAsync($"/api/v1/deals/{deal.Id()}")).ReadJsonAsync();
        Assert.That(read.GetProperty("tickerUnverified").GetBoolean(), Is.True, "saved, not lost");
    }

    [Test]
    public async Task Create_WhenMarketdataNeverAnswers_GivesUpAtTheConfiguredTimeout()
    {
        // Accepts connections (the kernel completes them) and never answers: a hung service.
        var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}/";
            await using var api = DealsService.CreateFactory(new Dictionary<string, string>
            {
                ["Services:identity:BaseUrl"] = url,
                ["Services:marketdata:BaseUrl"] = url,
                ["Deals:MarketData:Timeout"] = "00:00:00.500",
            });
            using var analyst = api.Analyst(out _);
            await analyst.GetAsync("/api/v1/deals?pageSize=1");

            var clock = Stopwatch.StartNew();
            var deal = await analyst.CreateDealAsync(body => body["targetTicker"] = NewTicker());
            clock.Stop();

            Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3)));
            Assert.That(deal.GetProperty("tickerUnverified").GetBoolean(), Is.True);
        }
        finally
        {
            blackHole.Stop();
        }
    }

    [Test]
    public async Task Create_WithoutTickers_AsksNothing()
    {
        using var calls = Calls(Api);
        using var analyst = Api.Analyst(out _);

        var deal = await analyst.CreateDealAsync(body => { body["targetTicker"] = null; body["acquirerTicker"] = null; });

        Assert.Multiple(() =>
        {
            Assert.That(Total(calls), Is.Zero);
            Assert.That(deal.GetProperty("tickerUnverified").GetBoolean(), Is.False);
            Assert.That(deal.GetProperty("targetTickerStatus").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(deal.GetProperty("acquirerTickerStatus").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Update_AsksOnlyAboutATickerThatChanged()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync(body => body["targetTicker"] = NewTicker());
        using var calls = Calls(Api);

        var renamed = await (await analyst.SendAsync(HttpMethod.Patch, $"/api/v1/deals/{deal.Id()}", deal.ETag(), new { name = "Renamed deal" })).ReadJsonAsync();
        Assert.That(Total(calls), Is.Zero, "same tickers: no call");

        var body = DealRequests.NewDeal(b => { b["targetTicker"] = deal.GetProperty("targetTicker").GetString(); b["acquirerTicker"] = NewTicker(); });
        await (await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{deal.Id()}", renamed.ETag(), body)).ReadJsonAsync();
        Assert.That(Total(calls), Is.EqualTo(1), "only the new acquirer");
    }

    [Test]
    public async Task Import_ManyRowsNamingTheSameTickers_AsksAboutEachTickerAtMostOnce()
    {
        using var analyst = Api.Analyst(out _);
        var (target, acquirer) = (NewTicker(), NewTicker());
        var rows = Enumerable.Range(1, 40).Select(i => $"Deal {i},merger,Target {i},{target},{acquirer},2026-02-01,USD");
        var csv = "name,type,targetName,targetTicker,acquirerTicker,announcedOn,currency\r\n" + string.Join("\r\n", rows) + "\r\n";
        using var calls = Calls(Api);

        var imported = await (await analyst.PostAsync("/api/v1/deals/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadJsonAsync();

        Assert.That(imported.GetProperty("imported").GetInt32(), Is.EqualTo(40));
        Assert.That(Total(calls), Is.InRange(1, 2), "at most one call per distinct ticker, none after marketdata proved unreachable");
        var list = await (await analyst.GetAsync($"/api/v1/deals?ticker={target}&pageSize=100")).ReadJsonAsync();
        Assert.That(list.GetProperty("items").EnumerateArray().All(d => d.GetProperty("tickerUnverified").GetBoolean()), Is.True);
    }

    [Test]
    public async Task Create_WithAMalformedTicker_Is400BeforeAnyCall()
    {
        using var calls = Calls(Api);
        using var analyst = Api.Analyst(out _);

        var response = await analyst.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal(body => body["targetTicker"] = "NOT A TICKER"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(Total(calls), Is.Zero);
    }
}
