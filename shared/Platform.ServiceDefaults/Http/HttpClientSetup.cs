using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Platform.ServiceDefaults.Http;

public static class HttpClientSetup
{
    /// <summary>
    /// Gives every <see cref="HttpClient"/> made by the factory the standard resilience handler
    /// (total timeout, retry with jittered backoff honouring <c>Retry-After</c> up to a cap, circuit
    /// breaker, attempt timeout), timed from <c>Http:Resilience</c>. Validated at start-up.
    /// </summary>
    public static TBuilder AddPlatformHttpClients<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<PlatformHttpResilienceOptions>()
            .Bind(builder.Configuration.GetSection(PlatformHttpResilienceOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.TotalTimeoutMs > o.AttemptTimeoutMs,
                "Http:Resilience:TotalTimeoutMs must be longer than AttemptTimeoutMs, or no retry could ever run.")
            .Validate(o => o.CircuitBreakerSamplingDurationMs >= 2 * o.AttemptTimeoutMs,
                "Http:Resilience:CircuitBreakerSamplingDurationMs must be at least twice AttemptTimeoutMs (a rule of the standard resilience handler).")
            .ValidateOnStart();

        // Registered as a default, the handler has no client name, so every client would share one
        // pipeline and one circuit breaker: a failing service would cut off calls to all the others
        // (dotnet/extensions#5021). One pipeline per scheme, host and port gives each called service
        // its own breaker. Safe because the addresses come from configuration, never from user input.
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler()
            .Configure((options, services) => Apply(options, services.GetRequiredService<IOptions<PlatformHttpResilienceOptions>>().Value))
            .SelectPipelineByAuthority());
        return builder;
    }

    private static void Apply(HttpStandardResilienceOptions options, PlatformHttpResilienceOptions settings)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(settings.AttemptTimeoutMs);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMilliseconds(settings.TotalTimeoutMs);

        var maxDelay = TimeSpan.FromMilliseconds(settings.MaxRetryDelayMs);
        options.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
        options.Retry.Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs);
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.MaxDelay = maxDelay;
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.DelayGenerator = CapAt(options.Retry.DelayGenerator, maxDelay);
        if (!settings.RetryUnsafeMethods)
        {
            options.Retry.DisableForUnsafeHttpMethods();
        }

        options.CircuitBreaker.FailureRatio = settings.CircuitBreakerFailureRatio;
        options.CircuitBreaker.MinimumThroughput = settings.CircuitBreakerMinimumThroughput;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromMilliseconds(settings.CircuitBreakerSamplingDurationMs);
        options.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(settings.CircuitBreakerBreakDurationMs);
    }

    // The delay generator is what reads Retry-After, and Polly applies MaxDelay only to its own
    // backoff, not to generated delays: without this a server could park a caller for an hour.
    private static Func<RetryDelayGeneratorArguments<HttpResponseMessage>, ValueTask<TimeSpan?>>? CapAt(
        Func<RetryDelayGeneratorArguments<HttpResponseMessage>, ValueTask<TimeSpan?>>? readRetryAfter, TimeSpan cap)
    {
        if (readRetryAfter is null)
        {
            return null;
        }

        return async arguments =>
        {
            var delay = await readRetryAfter(arguments);
            return delay > cap ? cap : delay;
        };
    }
}
