using MarketData.Application.Providers;
using MarketData.Domain;
using Microsoft.AspNetCore.Http;

namespace MarketData.Providers.Tests.TwelveData;

public sealed class TwelveDataProviderTests
{
    private const string TwelveData = "TwelveData";

    [Test]
    public async Task FindAsset_CombinesProfileAndQuote_WithTheSectorInGicsTerms()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http =>
            vendor!.Fixture(http, http.Request.Path == "/profile" ? "TwelveData/profile-aapl.json" : "TwelveData/quote-aapl.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var asset = await host.Source<IReferenceDataSource>(TwelveData).FindAssetAsync("AAPL", CancellationToken.None);

        Assert.That(asset, Is.EqualTo(new AssetReference("AAPL", "Apple Inc", AssetType.Equity, "XNGS", "USD", "Information Technology", "Consumer Electronics")));
        Assert.That(stub.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/profile?symbol=AAPL", "/quote?symbol=AAPL" }));
        Assert.That(stub.Received.Select(r => r.Authorization), Is.All.EqualTo("apikey " + ProviderHost.ApiKey));
    }

    [Test]
    public async Task FindAsset_WhenTheSymbolIsNotFound_ReturnsNull()
    {
        // Twelve Data may say 404 in the body of an HTTP 200.
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "TwelveData/error-not-found.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var asset = await host.Source<IReferenceDataSource>(TwelveData).FindAssetAsync("ZZZZ", CancellationToken.None);

        Assert.That(asset, Is.Null);
        Assert.That(stub.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task FindAsset_OfAnFxPair_AsksForexPairs()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "TwelveData/forex-pair-eurusd.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var asset = await host.Source<IReferenceDataSource>(TwelveData).FindAssetAsync("EURUSD", CancellationToken.None);

        Assert.That(asset, Is.EqualTo(new AssetReference("EURUSD", "Euro / US Dollar", AssetType.FxPair, null, "USD", null, null)));
        Assert.That(stub.Received.Single().PathAndQuery, Is.EqualTo("/forex_pairs?symbol=EUR/USD"));
    }

    [Test]
    public async Task GetDailyBars_ReadsTheSeries_FromNumbersSentAsStrings()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "TwelveData/time_series-aapl.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var bars = await host.Source<IDailyBarSource>(TwelveData).GetDailyBarsAsync("AAPL", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 6), CancellationToken.None);

        Assert.That(bars, Has.Count.EqualTo(3));
        Assert.That(bars[0], Is.EqualTo(new DailyBar(new DateOnly(2025, 1, 2), 243.85m, 244.18m, 241.89m, 243.85m, 243.85m, 55740731)));
        Assert.That(stub.Received.Single().PathAndQuery,
            Is.EqualTo("/time_series?symbol=AAPL&interval=1day&start_date=2025-01-02&end_date=2025-01-07&order=asc&outputsize=5000"));
    }

    [Test]
    public async Task GetDailyBars_OfAnUnknownSymbol_ThrowsProviderException()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "TwelveData/error-not-found.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var failure = Assert.ThrowsAsync<ProviderException>(() =>
            host.Source<IDailyBarSource>(TwelveData).GetDailyBarsAsync("ZZZZ", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 6), CancellationToken.None));

        Assert.That(failure, Is.Not.InstanceOf<ProviderPayloadException>());
        Assert.That(failure!.Message, Does.Contain("404").And.Contain("not found"));
    }

    [Test]
    public async Task GetDailyBars_WhenTheRangeHasNoData_ReturnsNoBars()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "TwelveData/error-no-data.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var bars = await host.Source<IDailyBarSource>(TwelveData).GetDailyBarsAsync("AAPL", new DateOnly(2025, 1, 4), new DateOnly(2025, 1, 5), CancellationToken.None);

        Assert.That(bars, Is.Empty);
    }

    [TestCase("TwelveData/time_series-high-below-low.json", "high/low do not bracket")]
    [TestCase("TwelveData/time_series-not-a-number.json", "malformed JSON")]
    public async Task GetDailyBars_WhenThePayloadIsUnsound_ThrowsPayloadException(string fixture, string reason)
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, fixture));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var failure = Assert.ThrowsAsync<ProviderPayloadException>(() =>
            host.Source<IDailyBarSource>(TwelveData).GetDailyBarsAsync("AAPL", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 6), CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain(reason));
    }

    [Test]
    public async Task GetQuotes_InOneBatch_LeavesOutUnknownSymbols()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "TwelveData/quote-batch.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var quotes = await host.Source<IQuoteSource>(TwelveData).GetQuotesAsync(["AAPL", "MSFT", "XXXX"], CancellationToken.None);

        Assert.That(quotes.Select(q => (q.Symbol, q.Price, q.PreviousClose)), Is.EqualTo(new[] { ("AAPL", 245.00m, 243.36m), ("MSFT", 427.85001m, 423.35001m) }));
        Assert.That(quotes[0].AsOf, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1736139600 + 23400)));
        Assert.That(stub.Received.Single().PathAndQuery, Is.EqualTo("/quote?symbol=AAPL,MSFT,XXXX"));
    }

    [Test]
    public async Task GetFxRates_ReadsThePairsSeries()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "TwelveData/time_series-eurusd.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var rates = await host.Source<IFxRateSource>(TwelveData).GetFxRatesAsync("EUR", "USD", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 3), CancellationToken.None);

        Assert.That(rates.Select(r => (r.Date, r.Rate)), Is.EqualTo(new[] { (new DateOnly(2025, 1, 2), 1.0265m), (new DateOnly(2025, 1, 3), 1.0307m) }));
        Assert.That(stub.Received.Single().PathAndQuery, Does.StartWith("/time_series?symbol=EUR/USD&interval=1day"));
    }

    [Test]
    public async Task A429InTheBodyOfA200_IsRetriedLikeA429()
    {
        var calls = 0;
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http =>
            vendor!.Fixture(http, Interlocked.Increment(ref calls) == 1 ? "TwelveData/error-429.json" : "TwelveData/time_series-aapl.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(TwelveData, stub.BaseAddress));

        var bars = await host.Source<IDailyBarSource>(TwelveData).GetDailyBarsAsync("AAPL", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 6), CancellationToken.None);

        Assert.That(bars, Has.Count.EqualTo(3));
        Assert.That(stub.Received, Has.Count.EqualTo(2));
    }
}
