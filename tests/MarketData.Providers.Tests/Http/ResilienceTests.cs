using System.Diagnostics;
using MarketData.Application.Providers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketData.Providers.Tests.Http;

/// <summary>Each vendor client's own standard resilience handler and its health, against a stub that misbehaves on purpose.</summary>
public sealed class ResilienceTests
{
    private const string Polygon = "Polygon";
    private static readonly DateOnly From = new(2025, 1, 1), To = new(2025, 1, 6);

    [Test]
    public async Task A429Storm_IsWaitedOutAsRetryAfterAsks_ThenSucceeds()
    {
        var calls = 0;
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http =>
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                http.Response.Headers.RetryAfter = "1";
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Task.CompletedTask;
            }

            return vendor!.Fixture(http, "Polygon/aggs-aapl.json");
        });
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress, new()
        {
            ["MarketData:Polygon:Resilience:MaxRetryAttempts"] = "3",
            ["MarketData:Polygon:Resilience:MaxRetryDelayMs"] = "2000",
            ["MarketData:Polygon:Resilience:TotalTimeoutMs"] = "5000",
        }));

        var bars = await host.Source<IDailyBarSource>(Polygon).GetDailyBarsAsync("AAPL", From, To, CancellationToken.None);

        Assert.That(bars, Has.Count.EqualTo(3));
        var times = stub.Received.Select(r => r.At).ToList();
        Assert.That(times, Has.Count.EqualTo(3));
        // The backoff alone would be a millisecond: the waits are the vendor's Retry-After.
        Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)));
        Assert.That((await host.HealthAsync(Polygon)).Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    public async Task RetryAfter_LongerThanTheCap_WaitsOnlyTheCap()
    {
        var calls = 0;
        VendorStub? vendor = null;
        await using var stub = vendor = await VendorStub.StartAsync(http =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                http.Response.Headers.RetryAfter = "3600";
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Task.CompletedTask;
            }

            return vendor!.Fixture(http, "Polygon/aggs-aapl.json");
        });
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress, new() { ["MarketData:Polygon:Resilience:MaxRetryDelayMs"] = "100" }));
        var clock = Stopwatch.StartNew();

        await host.Source<IDailyBarSource>(Polygon).GetDailyBarsAsync("AAPL", From, To, CancellationToken.None);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task AVendorTooSlowToAnswer_FailsAsProviderException_WithinTheTotalTimeout()
    {
        await using var stub = await VendorStub.StartAsync(async http => await Task.Delay(TimeSpan.FromSeconds(5), http.RequestAborted));
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress, new()
        {
            ["MarketData:Polygon:Resilience:AttemptTimeoutMs"] = "100",
            ["MarketData:Polygon:Resilience:TotalTimeoutMs"] = "400",
        }));
        var clock = Stopwatch.StartNew();

        var failure = Assert.ThrowsAsync<ProviderException>(() => host.Source<IDailyBarSource>(Polygon).GetDailyBarsAsync("AAPL", From, To, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("no answer within"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That((await host.HealthAsync(Polygon)).Status, Is.EqualTo(HealthStatus.Degraded));
    }

    [Test]
    public async Task AVendorThatIsDown_FailsAsProviderException_AndReadinessIsDegraded()
    {
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, VendorStub.Nowhere()));

        var failure = Assert.ThrowsAsync<ProviderException>(() => host.Source<IReferenceDataSource>(Polygon).FindAssetAsync("AAPL", CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("unreachable"));
        var health = await host.HealthAsync(Polygon);
        Assert.That(health.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(health.Description, Does.Contain("failed"));
    }

    [Test]
    public async Task RepeatedFailures_OpenTheCircuit_SoTheNextCallFailsFastWithoutReachingTheVendor()
    {
        await using var stub = await VendorStub.StartAsync(http =>
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress, new()
        {
            ["MarketData:Polygon:Resilience:MaxRetryAttempts"] = "1",
            ["MarketData:Polygon:Resilience:CircuitBreakerMinimumThroughput"] = "2",
            ["MarketData:Polygon:Resilience:CircuitBreakerBreakDurationMs"] = "30000",
        }));
        var bars = host.Source<IDailyBarSource>(Polygon);
        Assert.ThrowsAsync<ProviderException>(() => bars.GetDailyBarsAsync("AAPL", From, To, CancellationToken.None));
        var reached = stub.Received.Count;
        var clock = Stopwatch.StartNew();

        var failure = Assert.ThrowsAsync<ProviderException>(() => bars.GetDailyBarsAsync("AAPL", From, To, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("circuit open"));
        Assert.That(stub.Received, Has.Count.EqualTo(reached));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(500)));
        var health = await host.HealthAsync(Polygon);
        Assert.That(health.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(health.Data["circuitOpen"], Is.True);
    }

    [Test]
    public async Task TheVendorClient_HasItsOwnPipeline_NotThePlatformDefaultAroundIt()
    {
        await using var stub = await VendorStub.StartAsync(http =>
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress, new()
        {
            ["Http:Resilience:MaxRetryAttempts"] = "4",
            ["MarketData:Polygon:Resilience:MaxRetryAttempts"] = "1",
        }));

        Assert.ThrowsAsync<ProviderException>(() => host.Source<IDailyBarSource>(Polygon).GetDailyBarsAsync("AAPL", From, To, CancellationToken.None));

        // Nested pipelines would send (4 + 1) × (1 + 1) = 10.
        Assert.That(stub.Received, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task TheApiKey_NeverAppearsInExceptionsOrLogs_EvenWhenTheVendorEchoesIt()
    {
        await using var stub = await VendorStub.StartAsync(http =>
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return http.Response.WriteAsJsonAsync(new { status = "ERROR", request_id = "r1", error = $"Unknown API Key '{ProviderHost.ApiKey}' (apiKey={ProviderHost.ApiKey})" });
        });
        await using var host = await ProviderHost.StartAsync(ProviderHost.Settings(Polygon, stub.BaseAddress));

        var failure = Assert.ThrowsAsync<ProviderException>(() => host.Source<IReferenceDataSource>(Polygon).FindAssetAsync("AAPL", CancellationToken.None));

        Assert.That(stub.Received.Single().Authorization, Is.EqualTo("Bearer " + ProviderHost.ApiKey));
        Assert.That(stub.Received.Single().PathAndQuery, Does.Not.Contain(ProviderHost.ApiKey));
        Assert.That(failure!.ToString(), Does.Not.Contain(ProviderHost.ApiKey).And.Contain("***").And.Contain("401"));
        var logs = host.Logs.GetSnapshot();
        Assert.That(logs, Is.Not.Empty);
        var leaks = logs.Select(r => r.Category + ": " + r.Message + " " + string.Join(" ", r.StructuredState?.Select(s => s.Value) ?? [])).Where(l => l.Contains(ProviderHost.ApiKey, StringComparison.Ordinal)).ToList();
        Assert.That(leaks, Is.Empty, string.Join("\n", leaks));
        Assert.That((await host.HealthAsync(Polygon)).Status, Is.EqualTo(HealthStatus.Degraded));
    }
}
