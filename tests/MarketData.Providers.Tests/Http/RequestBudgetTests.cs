using System.Diagnostics;
using MarketData.Application.Providers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketData.Providers.Tests.Http;

public sealed class RequestBudgetTests
{
    private static readonly DateOnly From = new(2025, 1, 1), To = new(2025, 1, 6);

    [Test]
    public async Task OneCallMoreThanRequestsPerMinute_WaitsForAPermit_ThenFailsAsProviderException()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/aggs-aapl.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings("Polygon", stub.BaseAddress, new()
        {
            ["MarketData:Polygon:RequestsPerMinute"] = "3",
            ["MarketData:Polygon:MaxBudgetWaitMs"] = "300",
        }));
        var bars = host.Source<IDailyBarSource>("Polygon");
        for (var i = 0; i < 3; i++)
        {
            await bars.GetDailyBarsAsync("AAPL", From, To, CancellationToken.None);
        }

        var clock = Stopwatch.StartNew();
        var failure = Assert.ThrowsAsync<ProviderException>(() => bars.GetDailyBarsAsync("AAPL", From, To, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("request budget of 3 per minute spent"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(stub.Received, Has.Count.EqualTo(3));
        // Our own budget says nothing about the vendor.
        Assert.That((await host.HealthAsync("Polygon")).Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public async Task WhenNoCallMayWait_TheCallBeyondTheBudgetFailsAtOnce()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "Polygon/aggs-aapl.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings("Polygon", stub.BaseAddress, new()
        {
            ["MarketData:Polygon:RequestsPerMinute"] = "1",
            ["MarketData:Polygon:MaxQueuedRequests"] = "0",
        }));
        var bars = host.Source<IDailyBarSource>("Polygon");
        await bars.GetDailyBarsAsync("AAPL", From, To, CancellationToken.None);
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAsync<ProviderException>(() => bars.GetDailyBarsAsync("AAPL", From, To, CancellationToken.None));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(500)));
    }

    [Test]
    public async Task Retries_SpendTheBudgetToo()
    {
        var calls = 0;
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return vendor!.Fixture(http, "Polygon/aggs-aapl.json");
        });
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings("Polygon", stub.BaseAddress, new()
        {
            ["MarketData:Polygon:RequestsPerMinute"] = "2",
            ["MarketData:Polygon:MaxBudgetWaitMs"] = "100",
        }));
        var bars = host.Source<IDailyBarSource>("Polygon");
        await bars.GetDailyBarsAsync("AAPL", From, To, CancellationToken.None);

        Assert.ThrowsAsync<ProviderException>(() => bars.GetDailyBarsAsync("AAPL", From, To, CancellationToken.None));
        Assert.That(stub.Received, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ABatchOfQuotes_CostsOneCreditPerSymbol()
    {
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http => vendor!.Fixture(http, "TwelveData/quote-batch.json"));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings("TwelveData", stub.BaseAddress, new()
        {
            ["MarketData:TwelveData:RequestsPerMinute"] = "4",
            ["MarketData:TwelveData:MaxBudgetWaitMs"] = "100",
        }));
        var quotes = host.Source<IQuoteSource>("TwelveData");
        await quotes.GetQuotesAsync(["AAPL", "MSFT", "XXXX"], CancellationToken.None);

        // One credit left, two asked for.
        Assert.ThrowsAsync<ProviderException>(() => quotes.GetQuotesAsync(["AAPL", "MSFT"], CancellationToken.None));
        Assert.That(stub.Received, Has.Count.EqualTo(1));
    }
}
