using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using MarketData.Application.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;

namespace MarketData.Infrastructure.Providers.Http;

/// <summary>How one vendor is reached: its name, default address and plan, and how its key is sent.</summary>
internal sealed record HttpProviderSpec(
    string Name,
    string DefaultBaseUrl,
    int DefaultRequestsPerMinute,
    Func<string, AuthenticationHeaderValue> Authorization,
    Action<IHttpClientBuilder>? InnermostHandlers = null)
{
    public string Section => $"{Application.MarketDataOptions.Section}:{Name}";
}

internal static class HttpProviderRegistration
{
    /// <summary>
    /// Registers a vendor's typed client as an <see cref="IMarketDataProvider"/> when
    /// <c>MarketData:Providers</c> selects it or its API key is configured; otherwise not at all.
    /// Handlers, outside in: outcome (health) → request budget (waits) → standard resilience
    /// handler (total timeout, retry, circuit breaker, attempt timeout) → attempt budget → vendor's own.
    /// </summary>
    public static void Add<TProvider>(IServiceCollection services, IConfiguration configuration, ProviderSelection selection, HttpProviderSpec spec)
        where TProvider : class, IMarketDataProvider
    {
        var name = spec.Name;
        var selected = new[] { selection.Reference, selection.DailyBars, selection.Quotes, selection.Fx, selection.Options }
            .Contains(name, StringComparer.OrdinalIgnoreCase);
        if (!selected && string.IsNullOrWhiteSpace(configuration[$"{spec.Section}:ApiKey"]))
        {
            return;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<HttpProviderOptions>(name)
            .Configure<IConfiguration>((options, config) =>
            {
                options.BaseUrl = spec.DefaultBaseUrl;
                options.RequestsPerMinute = spec.DefaultRequestsPerMinute;
                config.GetSection(PlatformHttpResilienceOptions.SectionName).Bind(options.Resilience);
                config.GetSection(spec.Section).Bind(options);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpProviderOptions>>(provider =>
            new HttpProviderOptionsValidator(spec, provider.GetRequiredService<IConfiguration>()));

        services.AddKeyedSingleton(name, (provider, _) => new ProviderHealth(name, provider.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton(name, (provider, _) => new RequestBudget(name, Options(provider, name)));
        services.AddKeyedSingleton(name, (provider, _) => new ApiKeyRedactor(Options(provider, name).ApiKey));

        var client = services.AddHttpClient<TProvider>(name, (provider, http) =>
        {
            var options = Options(provider, name);
            http.BaseAddress = new Uri(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
            http.DefaultRequestHeaders.Authorization = spec.Authorization(options.ApiKey);
            // The pipeline's total timeout and the bounded budget wait end every call; no third clock.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        // AddPlatformHttpClients gives every client the platform's standard handler (one pipeline per
        // host); a vendor gets its own, timed from its section, so the default one is removed here
        // rather than wrapped around it (two nested pipelines would multiply the retries).
        // (The same as RemoveAllResilienceHandlers, which is still marked for evaluation only.)
        client.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
        {
            foreach (var inherited in handlers.OfType<ResilienceHandler>().ToList())
            {
                handlers.Remove(inherited);
            }
        });
        client.AddHttpMessageHandler(provider => new ProviderOutcomeHandler(
                provider.GetRequiredKeyedService<ProviderHealth>(name), provider.GetRequiredKeyedService<ApiKeyRedactor>(name)))
            .AddHttpMessageHandler(provider => new RequestBudgetHandler(provider.GetRequiredKeyedService<RequestBudget>(name)));
        client.AddStandardResilienceHandler()
            .Configure((options, provider) => Apply(options, Options(provider, name).Resilience, provider.GetRequiredKeyedService<ProviderHealth>(name)));
        client.AddHttpMessageHandler(provider => new AttemptBudgetHandler(provider.GetRequiredKeyedService<RequestBudget>(name)));
        spec.InnermostHandlers?.Invoke(client);

        // The provider lives as long as the process (MarketDataSources holds it), and so does its
        // handler chain: connections are renewed by the socket handler instead, for DNS changes.
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddLogger(provider => new VendorHttpLogger(name, provider.GetRequiredService<ILogger<VendorHttpLogger>>()));

        services.AddSingleton<IMarketDataProvider>(provider => provider.GetRequiredService<TProvider>());
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "provider-" + name.ToLowerInvariant(),
            provider => new ProviderHealthCheck(provider.GetRequiredKeyedService<ProviderHealth>(name)),
            HealthStatus.Degraded,
            [HealthSetup.ReadyTag]));
    }

    public static HttpProviderOptions Options(IServiceProvider provider, string name) =>
        provider.GetRequiredService<IOptionsMonitor<HttpProviderOptions>>().Get(name);

    private static void Apply(HttpStandardResilienceOptions options, PlatformHttpResilienceOptions settings, ProviderHealth health)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(settings.AttemptTimeoutMs);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMilliseconds(settings.TotalTimeoutMs);

        var cap = TimeSpan.FromMilliseconds(settings.MaxRetryDelayMs);
        var retry = options.Retry;
        retry.MaxRetryAttempts = settings.MaxRetryAttempts;
        retry.Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs);
        retry.BackoffType = DelayBackoffType.Exponential;
        retry.UseJitter = true;
        retry.MaxDelay = cap;
        retry.ShouldRetryAfterHeader = true;
        // Polly caps its own backoff, not a vendor's Retry-After: a 429 asking for an hour waits the cap.
        var retryAfter = retry.DelayGenerator;
        retry.DelayGenerator = retryAfter is null ? null : async arguments =>
        {
            var asked = await retryAfter(arguments);
            return asked > cap ? cap : asked;
        };
        retry.DisableForUnsafeHttpMethods();

        var breaker = options.CircuitBreaker;
        breaker.FailureRatio = settings.CircuitBreakerFailureRatio;
        breaker.MinimumThroughput = settings.CircuitBreakerMinimumThroughput;
        breaker.SamplingDuration = TimeSpan.FromMilliseconds(settings.CircuitBreakerSamplingDurationMs);
        breaker.BreakDuration = TimeSpan.FromMilliseconds(settings.CircuitBreakerBreakDurationMs);
        breaker.OnOpened = _ =>
        {
            health.CircuitOpened();
            return default;
        };
        breaker.OnClosed = _ =>
        {
            health.CircuitClosed();
            return default;
        };
    }
}

/// <summary>
/// Start-up checks of a registered vendor: a key, from the environment; an http(s) address; a
/// budget; and resilience timings the standard handler accepts. All failures are listed at once.
/// </summary>
internal sealed class HttpProviderOptionsValidator(HttpProviderSpec spec, IConfiguration configuration) : IValidateOptions<HttpProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpProviderOptions options)
    {
        if (name != spec.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var section = spec.Section;
        var env = $"MarketData__{spec.Name}__ApiKey";
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{section}:ApiKey is required because {spec.Name} is selected in {ProviderSelection.Section} or configured: set {env} in the environment.");
        }
        else if (ComesFromAFile(configuration, $"{section}:ApiKey"))
        {
            failures.Add($"{section}:ApiKey must come from the environment ({env}), not from a settings file.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{section}:BaseUrl must be an absolute http(s) URL.");
        }

        foreach (var (target, prefix) in new (object, string)[] { (options, section), (options.Resilience, section + ":Resilience") })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => $"{prefix}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        var resilience = options.Resilience;
        if (resilience.TotalTimeoutMs <= resilience.AttemptTimeoutMs)
        {
            failures.Add($"{section}:Resilience:TotalTimeoutMs must be longer than AttemptTimeoutMs, or no retry could ever run.");
        }

        if (resilience.CircuitBreakerSamplingDurationMs < 2 * resilience.AttemptTimeoutMs)
        {
            failures.Add($"{section}:Resilience:CircuitBreakerSamplingDurationMs must be at least twice AttemptTimeoutMs (a rule of the standard resilience handler).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The last provider holding the key wins, as in configuration itself.
    private static bool ComesFromAFile(IConfiguration configuration, string key) =>
        configuration is IConfigurationRoot root
        && root.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out var value) && !string.IsNullOrEmpty(value)) is FileConfigurationProvider;
}
