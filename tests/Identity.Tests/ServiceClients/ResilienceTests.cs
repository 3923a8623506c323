using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Identity.Tests.ServiceClients;

/// <summary>
/// The standard resilience handler as configured by <c>AddPlatformHttpClients</c>, on a service
/// client calling a real Kestrel app that misbehaves on purpose. Timings come from
/// <c>Http:Resilience</c> in milliseconds.
/// </summary>
public sealed class ResilienceTests
{
    private const string Path = "api/v1/deals";

    // The token requests run under the tight timings of each test too (every HttpClient gets the
    // defaults), so identity's first, slower token request is made here and not inside a test.
    [OneTimeSetUp]
    public async Task WarmUpTokenEndpoint()
    {
        using var identity = IdentityService.Factory.CreateClient();
        using var response = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = IdentityApiFactory.ServiceClientId,
            ["client_secret"] = IdentityApiFactory.ServiceClientSecret,
            ["scope"] = CallingService.Scope,
        }));
        response.EnsureSuccessStatusCode();
    }

    [Test]
    public async Task Status503_IsRetried_AfterTheRetryAfterTheServerAsked()
    {
        var calls = 0;
        await using var deals = await Downstream.StartAsync(app => app.MapGet("/" + Path, (HttpContext http) =>
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                http.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Ok();
        }));
        await using var caller = await StartCallerAsync(deals, new() { ["RetryBaseDelayMs"] = "1", ["MaxRetryDelayMs"] = "5000" });

        using var response = await caller.Deals.GetAsync(Path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var times = deals.Received.Select(r => r.At).ToList();
        Assert.That(times, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            // The backoff alone would be about a millisecond: the wait is the server's Retry-After.
            Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)));
            Assert.That(times[2] - times[1], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)));
        });
    }

    [Test]
    public async Task RetryAfter_LongerThanTheCap_WaitsOnlyTheCap()
    {
        var calls = 0;
        await using var deals = await Downstream.StartAsync(app => app.MapGet("/" + Path, (HttpContext http) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                http.Response.Headers.RetryAfter = "30";
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Ok();
        }));
        await using var caller = await StartCallerAsync(deals, new() { ["RetryBaseDelayMs"] = "1", ["MaxRetryDelayMs"] = "300" });

        var clock = Stopwatch.StartNew();
        using var response = await caller.Deals.GetAsync(Path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var times = deals.Received.Select(r => r.At).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(times, Has.Count.EqualTo(2));
            Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "nowhere near the 30 s asked for");
        });
    }

    [Test]
    public async Task UnsafeMethod_IsNotRetried()
    {
        await using var deals = await Downstream.StartAsync(app =>
            app.MapPost("/" + Path, () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable)));
        await using var caller = await StartCallerAsync(deals, new() { ["RetryBaseDelayMs"] = "1" });

        using var response = await caller.Deals.Http.PostAsync(Path, new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(deals.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RepeatedFailures_OpenTheCircuit_AndCallsFailFastWithoutReachingTheService()
    {
        await using var deals = await Downstream.StartAsync(app =>
            app.MapGet("/" + Path, () => Results.StatusCode(StatusCodes.Status500InternalServerError)));
        await using var caller = await StartCallerAsync(deals, new()
        {
            ["MaxRetryAttempts"] = "1",
            ["RetryBaseDelayMs"] = "1",
            ["CircuitBreakerMinimumThroughput"] = "2",
            ["CircuitBreakerFailureRatio"] = "0.5",
            ["CircuitBreakerSamplingDurationMs"] = "60000",
            ["CircuitBreakerBreakDurationMs"] = "60000",
        });

        // Two failed attempts fill the window and open the circuit; the call that opens it may see
        // the last 500 or already the open circuit, depending on which attempt tipped it.
        var opened = false;
        for (var call = 0; call < 5 && !opened; call++)
        {
            try
            {
                (await caller.Deals.GetAsync(Path)).Dispose();
            }
            catch (BrokenCircuitException)
            {
                opened = true;
            }
        }

        var reached = deals.Received.Count;
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAsync<BrokenCircuitException>(() => caller.Deals.GetAsync(Path));

        Assert.Multiple(() =>
        {
            Assert.That(opened, Is.True, "the circuit opened");
            Assert.That(reached, Is.InRange(2, 4), "it took only a couple of failures");
            Assert.That(deals.Received, Has.Count.EqualTo(reached), "an open circuit keeps calls away from the service");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });

        // The breaker is per called service: another one is still reached.
        await using var other = await Downstream.StartAsync(app => app.MapGet("/ping", () => Results.Ok()));
        using var http = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        using var ping = await http.GetAsync(new Uri(other.BaseAddress, "ping"));
        Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Timeouts_ComeFromConfigurationInMilliseconds()
    {
        await using var deals = await Downstream.StartAsync(app =>
        {
            app.MapGet("/fast", () => Results.Ok());
            app.MapGet("/" + Path, async (HttpContext http) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted);
                return Results.Ok();
            });
        });
        await using var caller = await StartCallerAsync(deals, new()
        {
            ["AttemptTimeoutMs"] = "500",
            ["TotalTimeoutMs"] = "1700",
            ["CircuitBreakerSamplingDurationMs"] = "1000",
            ["MaxRetryAttempts"] = "5",
            ["RetryBaseDelayMs"] = "1",
        });
        // Fetch and cache the token first, so the attempts below are spent on the slow service only.
        (await caller.Deals.GetAsync("fast")).Dispose();

        var clock = Stopwatch.StartNew();
        Assert.ThrowsAsync<TimeoutRejectedException>(() => caller.Deals.GetAsync(Path));

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "the total timeout ended the call, not the service");
            Assert.That(deals.Received.Count(r => r.Path == "/" + Path), Is.GreaterThanOrEqualTo(2),
                "each attempt timed out on its own and was retried");
        });
    }

    [TestCase("AttemptTimeoutMs", "500", "TotalTimeoutMs", "500", "TotalTimeoutMs must be longer")]
    [TestCase("AttemptTimeoutMs", "1000", "CircuitBreakerSamplingDurationMs", "1500", "at least twice AttemptTimeoutMs")]
    [TestCase("CircuitBreakerBreakDurationMs", "100", "MaxRetryAttempts", "3", "CircuitBreakerBreakDurationMs")]
    public void InconsistentTimings_FailAtStartUp(string name1, string value1, string name2, string value2, string message)
    {
        var settings = CallingService.Settings(new Uri("http://127.0.0.1:9/"));
        settings["Http:Resilience:" + name1] = value1;
        settings["Http:Resilience:" + name2] = value2;

        // Aggregated when the resilience handler's own start-up validation trips over the same values.
        var failure = Assert.CatchAsync(() => CallingService.StartAsync(settings));

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>().Or.InstanceOf<AggregateException>());
        Assert.That(failure!.Message, Does.Contain(message));
    }

    private static Task<CallingService> StartCallerAsync(Downstream deals, Dictionary<string, string> resilience)
    {
        var settings = CallingService.Settings(deals.BaseAddress);
        // Generous defaults for what a test does not exercise, so only the behaviour under test shows.
        settings["Http:Resilience:AttemptTimeoutMs"] = "20000";
        settings["Http:Resilience:TotalTimeoutMs"] = "60000";
        settings["Http:Resilience:CircuitBreakerSamplingDurationMs"] = "60000";
        settings["Http:Resilience:CircuitBreakerMinimumThroughput"] = "100";
        foreach (var (name, value) in resilience)
        {
            settings["Http:Resilience:" + name] = value;
        }

        return CallingService.StartAsync(settings);
    }
}
