using MarketData.Application;
using MarketData.Application.History;
using MarketData.Application.Providers;
using MarketData.Application.Quotes;
using MarketData.Application.Refresh;
using MarketData.Infrastructure.Providers.Simulated;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Health;

namespace MarketData.Infrastructure;

public static class MarketDataInfrastructure
{
    /// <summary>What marketdata adds to the platform's composition: providers, refreshers, the quote cache, ticker and streams.</summary>
    public static WebApplicationBuilder AddMarketDataInfrastructure(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MarketDataOptions>().BindConfiguration(MarketDataOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.FxPairs.All(p => p.Length == 6 && p.All(char.IsAsciiLetterUpper)), "MarketData:FxPairs: each pair is six upper-case letters, base then quote (EURUSD).")
            .Validate(o => o.QuoteTickInterval == TimeSpan.Zero || o.QuoteTickInterval >= TimeSpan.FromSeconds(1), "MarketData:QuoteTickInterval: zero (off) or at least one second.")
            .Validate(o => o.QuoteCacheTtl > TimeSpan.Zero, "MarketData:QuoteCacheTtl must be positive.")
            .ValidateOnStart();
        services.AddOptions<ProviderSelection>().BindConfiguration(ProviderSelection.Section);
        services.AddOptions<SimulatedProviderOptions>().BindConfiguration(SimulatedProviderOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<SimulatedProvider>();
        services.AddSingleton<IMarketDataProvider>(provider => provider.GetRequiredService<SimulatedProvider>());
        builder.AddMarketDataProviders();
        services.AddSingleton<MarketDataSources>();

        services.AddSingleton<MarketDataMetrics>();
        services.AddSingleton<BarRefresher>();
        services.AddScoped<FxRefresher>();
        services.AddScoped<OptionChainRefresher>();
        services.AddScoped<QuoteRefresher>();
        services.AddScoped<QuoteWriter>();
        services.AddSingleton<QuoteCache>();
        services.AddScoped<ManyHistoryReader>();
        services.AddScoped<QuotesSince>();

        services.AddSingleton<QuoteFeed>();
        services.AddSingleton<QuoteNotificationListener>();
        services.AddHostedService(provider => provider.GetRequiredService<QuoteNotificationListener>());
        services.AddHealthChecks().AddCheck<QuoteNotificationHealthCheck>("quote-notifications", tags: [HealthSetup.ReadyTag]);
        services.AddHostedService<QuoteTicker>();
        return builder;
    }
}
