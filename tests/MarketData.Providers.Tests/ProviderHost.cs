using MarketData.Application.Providers;
using MarketData.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;

namespace MarketData.Providers.Tests;

/// <summary>
/// A host wired as marketdata ships: the platform's HTTP client defaults, then the providers'
/// registration extension, from in-memory configuration; every log record kept (Trace and up).
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
    public const string ApiKey = "pk_test_7Hq2Vx9s3cr3tK3y";

    private readonly IHost _host;

    private ProviderHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public FakeLogCollector Logs => _host.Services.GetFakeLogCollector();

    /// <summary>Every capability the provider serves selected, pointed at <paramref name="vendor"/>, with fast timings.</summary>
    public static Dictionary<string, string?> Settings(string provider, Uri vendor)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MarketData:Providers:Reference"] = provider,
            ["MarketData:Providers:DailyBars"] = provider,
            ["MarketData:Providers:Quotes"] = provider,
            ["MarketData:Providers:Fx"] = provider,
            [$"MarketData:{provider}:BaseUrl"] = vendor.ToString(),
            [$"MarketData:{provider}:ApiKey"] = ApiKey,
            [$"MarketData:{provider}:RequestsPerMinute"] = "10000",
            ["Http:Resilience:AttemptTimeoutMs"] = "1000",
            ["Http:Resilience:TotalTimeoutMs"] = "3000",
            ["Http:Resilience:MaxRetryAttempts"] = "2",
            ["Http:Resilience:RetryBaseDelayMs"] = "1",
            ["Http:Resilience:MaxRetryDelayMs"] = "50",
            ["Http:Resilience:CircuitBreakerMinimumThroughput"] = "1000",
            ["Http:Resilience:CircuitBreakerSamplingDurationMs"] = "2000",
            ["Http:Resilience:CircuitBreakerBreakDurationMs"] = "500",
        };
        if (provider == "Polygon")
        {
            settings["MarketData:Providers:Options"] = provider;
        }

        return settings;
    }

    public static Dictionary<string, string?> Settings(string provider, Uri vendor, Dictionary<string, string?> overrides)
    {
        var settings = Settings(provider, vendor);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<ProviderHost> StartAsync(Dictionary<string, string?> settings, Action<IConfigurationBuilder>? configuration = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        configuration?.Invoke(builder.Configuration);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        builder.AddPlatformHttpClients();
        builder.AddMarketDataProviders();
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ProviderHost(host);
    }

    public T Source<T>(string provider)
        where T : IMarketDataProvider =>
        Services.GetServices<IMarketDataProvider>().OfType<T>().Single(p => p.Name == provider);

    public async Task<HealthReportEntry> HealthAsync(string provider)
    {
        var report = await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains(HealthSetup.ReadyTag));
        return report.Entries["provider-" + provider.ToLowerInvariant()];
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
