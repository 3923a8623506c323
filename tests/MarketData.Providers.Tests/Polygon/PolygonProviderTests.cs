using MarketData.Application.Providers;
using MarketData.Application.Refresh;
using MarketData.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MarketData.Providers.Tests.Polygon;

public sealed class PolygonProviderTests
{
    private const string Polygon = "Polygon";

    [Test]
    public async Task FindAsset_ReadsTickerDetails_WithTheKeyInTheHeaderAndSectorFromTheSicCode()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/ticker-aapl.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var asset = await host.Source<IReferenceDataSource>(Polygon).FindAssetAsync("AAPL", CancellationToken.None);

        Assert.That(asset, Is.EqualTo(new AssetReference("AAPL", "Apple Inc.", AssetType.Equity, "XNAS", "USD", "Information Technology", null)));
        var request = stub.Received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.PathAndQuery, Is.EqualTo("/v3/reference/tickers/AAPL"));
            Assert.That(request.Authorization, Is.EqualTo("Bearer " + ProviderHost.ApiKey));
        });
    }

    [Test]
    public async Task FindAsset_WhenTheSicCodeSpansSectors_LeavesTheSectorUnknown()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/ticker-googl.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var asset = await host.Source<IReferenceDataSource>(Polygon).FindAssetAsync("GOOGL", CancellationToken.None);

        Assert.That(asset, Is.Not.Null);
        Assert.That(asset!.Sector, Is.Null);
    }

    [Test]
    public async Task FindAsset_WhenTheVendorAnswers404_ReturnsNull()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/not-found.json", StatusCodes.Status404NotFound));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var asset = await host.Source<IReferenceDataSource>(Polygon).FindAssetAsync("ZZZZ", CancellationToken.None);

        Assert.That(asset, Is.Null);
        Assert.That((await host.HealthAsync(Polygon)).Status.ToString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task GetDailyBars_ReadsSplitAdjustedAggregates_OldestFirstByNewYorkDay()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/aggs-aapl.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var bars = await host.Source<IDailyBarSource>(Polygon).GetDailyBarsAsync("AAPL", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 6), CancellationToken.None);

        Assert.That(bars.Select(b => b.Date), Is.EqualTo(new[] { new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 3), new DateOnly(2025, 1, 6) }));
        Assert.That(bars[2], Is.EqualTo(new DailyBar(new DateOnly(2025, 1, 6), 244.31m, 247.33m, 243.2m, 245.0m, 245.0m, 45045571)));
        Assert.That(stub.Received.Single().PathAndQuery, Is.EqualTo("/v2/aggs/ticker/AAPL/range/1/day/2025-01-01/2025-01-06?adjusted=true&sort=asc&limit=50000"));
    }

    [Test]
    public async Task GetDailyBars_OfAnUnknownTicker_ThrowsProviderException()
    {
        await using var stub = await VendorStub.StartAsync(http => http.Response.WriteAsJsonAsync(
            new { ticker = "ZZZZ", queryCount = 0, resultsCount = 0, adjusted = true, status = "OK", request_id = "x" }));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var failure = Assert.ThrowsAsync<ProviderException>(() =>
            host.Source<IDailyBarSource>(Polygon).GetDailyBarsAsync("ZZZZ", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), CancellationToken.None));

        Assert.That(failure, Is.Not.InstanceOf<ProviderPayloadException>());
        Assert.That(failure!.Message, Does.Contain("unknown symbol"));
    }

    [TestCase("Polygon/aggs-high-below-low.json", "high/low do not bracket")]
    [TestCase("Polygon/aggs-negative-price.json", "prices must be positive")]
    [TestCase("Polygon/aggs-missing-close.json", "without o, h, l, c or v")]
    [TestCase("Polygon/aggs-duplicate-day.json", "listed twice")]
    [TestCase("Polygon/aggs-partial.json", "resultsCount 5 but 3 results")]
    public async Task GetDailyBars_WhenThePayloadIsUnsound_KeepsNothingAndLogsOneLine(string fixture, string reason)
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, fixture));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var failure = Assert.ThrowsAsync<ProviderPayloadException>(() =>
            host.Source<IDailyBarSource>(Polygon).GetDailyBarsAsync("AAPL", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 6), CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain(reason));
        Assert.That(host.Logs.GetSnapshot().Count(r => r.Message.Contains("payload rejected", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task GetDailyBars_WhenTheJsonIsMalformed_ThrowsPayloadException()
    {
        await using var stub = await VendorStub.StartAsync(http =>
        {
            http.Response.ContentType = "application/json";
            return http.Response.WriteAsync("{\"ticker\":\"AAPL\",\"status\":\"OK\",\"results\":[{\"o\":1.0,\"h\":");
        });
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var failure = Assert.ThrowsAsync<ProviderPayloadException>(() =>
            host.Source<IDailyBarSource>(Polygon).GetDailyBarsAsync("AAPL", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 6), CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("malformed JSON"));
    }

    [Test]
    public async Task GetQuotes_ReadsTheSnapshot_LeavingOutTickersTheVendorDoesNotKnow()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/snapshot-stocks.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var quotes = await host.Source<IQuoteSource>(Polygon).GetQuotesAsync(["AAPL", "MSFT", "ZZZZ"], CancellationToken.None);

        Assert.That(quotes.Select(q => (q.Symbol, q.Price, q.PreviousClose)), Is.EqualTo(new[] { ("AAPL", 245.12m, 243.36m), ("MSFT", 427.85m, 423.35m) }));
        Assert.That(quotes[0].AsOf, Is.EqualTo(DateTimeOffset.UnixEpoch.AddTicks(1736200800123456789 / 100)));
        Assert.That(stub.Received.Single().PathAndQuery, Is.EqualTo("/v2/snapshot/locale/us/markets/stocks/tickers?tickers=AAPL,MSFT,ZZZZ"));
    }

    [Test]
    public async Task GetFxRates_ReadsForexAggregates_ByUtcDay()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/aggs-eurusd.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var rates = await host.Source<IFxRateSource>(Polygon).GetFxRatesAsync("EUR", "USD", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 3), CancellationToken.None);

        Assert.That(rates, Is.EqualTo(new[]
        {
            new FxRate("EUR", "USD", new DateOnly(2025, 1, 2), 1.0265m),
            new FxRate("EUR", "USD", new DateOnly(2025, 1, 3), 1.0307m),
        }));
        Assert.That(stub.Received.Single().PathAndQuery, Does.StartWith("/v2/aggs/ticker/C:EURUSD/range/1/day/2025-01-02/2025-01-03"));
    }

    [Test]
    public async Task GetOptionChain_FollowsTheVendorsPages_WithTheKeyOnEach()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http =>
            vendor!.Fixture(http, http.Request.Query.ContainsKey("cursor") ? "Polygon/options-spy-2.json" : "Polygon/options-spy-1.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));
        var today = MarketCalendar.LastClosedSession(DateTimeOffset.UtcNow);

        var chain = await host.Source<IOptionChainSource>(Polygon).GetOptionChainAsync("SPY", today, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(chain.UnderlyingPrice, Is.EqualTo(590.15m));
            Assert.That(chain.Contracts.Select(c => (c.Strike, c.Right)), Is.EqualTo(new[] { (590m, OptionRight.Call), (590m, OptionRight.Put), (600m, OptionRight.Call), (600m, OptionRight.Put) }));
            Assert.That(chain.Contracts[0], Is.EqualTo(new OptionQuote(new DateOnly(2099, 1, 16), 590m, OptionRight.Call, 12.1m, 12.3m, 12.2m, 0.18m, 5120)));
            Assert.That(stub.Received.Select(r => r.Authorization), Is.All.EqualTo("Bearer " + ProviderHost.ApiKey));
            Assert.That(stub.Received, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task GetOptionChain_WhenTheNextPageIsOnAnotherHost_DoesNotFollowIt()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/options-spy-elsewhere.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        Assert.ThrowsAsync<ProviderPayloadException>(() => host.Source<IOptionChainSource>(Polygon)
            .GetOptionChainAsync("SPY", MarketCalendar.LastClosedSession(DateTimeOffset.UtcNow), CancellationToken.None));
        Assert.That(stub.Received, Has.Count.EqualTo(1));
        Assert.That(host.Logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning && r.Message.Contains("next_url", StringComparison.Ordinal)));
    }
}
