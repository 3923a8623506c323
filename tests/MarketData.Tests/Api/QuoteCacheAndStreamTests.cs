using System.Net;
using MarketData.Application.Quotes;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using static MarketData.Tests.TestSupport;

namespace MarketData.Tests.Api;

public sealed class QuoteCacheAndStreamTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Test]
    public async Task Quotes_WithRedisDown_AreServedFromTheDatabase_AndReadinessIsDegradedNotUnhealthy()
    {
        await using var redis = TcpProxy.Start(TestEnvironment.RedisHost, TestEnvironment.RedisPort);
        await using var service = new MarketDataApiFactory(MarketDataService.Key, MarketDataService.JwksUri, MarketDataService.Database, TestEnvironment.RedisConnectionStringThrough(redis.Port));
        using var client = service.Analyst();
        var warm = await client.GetJsonAsync("/api/v1/market-data/quotes?symbols=SPY,JPM");

        redis.Cut();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var cold = await client.GetJsonAsync("/api/v1/market-data/quotes?symbols=SPY,JPM");
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "no Redis timeout is waited for");
        Assert.That(cold.ToString(), Is.EqualTo(warm.ToString()));

        using var admin = service.Admin();
        var ready = await Polling.UntilAsync(
            () => admin.GetAsync("/health/ready"),
            r => r.StatusCode == HttpStatusCode.OK,
            "readiness to stay OK with Redis down", TimeSpan.FromSeconds(10));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("Degraded"));
    }

    [Test]
    public async Task Stream_StartsWithTheCurrentQuotes_ThenSendsEachChange()
    {
        using var client = Factory.Analyst();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/market-data/quotes/stream?symbols=XOM,KO");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var snapshot = await ReadQuotesAsync(reader, 2);
        Assert.That(snapshot.Select(q => q.Symbol), Is.EquivalentTo(new[] { "XOM", "KO" }));

        var xom = snapshot.Single(q => q.Symbol == "XOM");
        var changed = new Quote("XOM", xom.Price + 1.23m, xom.PreviousClose, DateTimeOffset.UtcNow.AddDays(1));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketData.Application.Persistence.MarketDataDb>();
            var id = await db.Assets.Where(a => a.Symbol == "XOM").Select(a => a.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<QuoteWriter>().WriteAsync([new AssetQuote(id, "USD", changed)], announceAll: false, CancellationToken.None);
        }

        var update = (await ReadQuotesAsync(reader, 1)).Single();
        Assert.That(update.Symbol, Is.EqualTo("XOM"));
        Assert.That(update.Price, Is.EqualTo(changed.Price));
    }

    [Test]
    public async Task Streams_AreCappedPerUser_OneMoreIs429()
    {
        var userId = Guid.NewGuid();
        var open = new List<(HttpClient Client, HttpResponseMessage Response)>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var client = Factory.ClientFor(userId, Platform.SharedKernel.PlatformRoles.Analyst);
                var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/market-data/quotes/stream?symbols=SPY"), HttpCompletionOption.ResponseHeadersRead);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                open.Add((client, response));
            }

            using var sixth = Factory.ClientFor(userId, Platform.SharedKernel.PlatformRoles.Analyst);
            using var refused = await sixth.GetAsync("/api/v1/market-data/quotes/stream?symbols=SPY", HttpCompletionOption.ResponseHeadersRead);
            await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        }
        finally
        {
            foreach (var (client, response) in open)
            {
                response.Dispose();
                client.Dispose();
            }
        }
    }

    [Test]
    public async Task Stream_OfAnUntrackedSymbol_Is404_AndOfNoSymbol400()
    {
        using var client = Factory.Analyst();
        using var unknown = await client.GetAsync("/api/v1/market-data/quotes/stream?symbols=SPY,NOPE");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "marketdata.unknown_symbol");
        using var none = await client.GetAsync("/api/v1/market-data/quotes/stream");
        await none.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<List<QuoteView>> ReadQuotesAsync(StreamReader reader, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var quotes = new List<QuoteView>();
        while (quotes.Count < count)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                quotes.Add(System.Text.Json.JsonSerializer.Deserialize<QuoteView>(line[6..], Json)!);
            }
        }

        return quotes;
    }
}
