using MarketData.Application.Providers;
using MarketData.Infrastructure.Providers.Http;
using MarketData.Infrastructure.Providers.Polygon;
using MarketData.Infrastructure.Providers.TwelveData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// In the namespace of MarketDataInfrastructure, which calls it.
namespace MarketData.Infrastructure;

public static class MarketDataProviders
{
    /// <summary>
    /// The vendor providers (Polygon, Twelve Data), each registered only when
    /// <c>MarketData:Providers</c> selects it or its API key is set, and then checked at start-up.
    /// Configuration: docs/marketdata-providers.md.
    /// </summary>
    public static IHostApplicationBuilder AddMarketDataProviders(this IHostApplicationBuilder builder)
    {
        var selection = builder.Configuration.GetSection(ProviderSelection.Section).Get<ProviderSelection>() ?? new ProviderSelection();
        HttpProviderRegistration.Add<PolygonProvider>(builder.Services, builder.Configuration, selection, PolygonProvider.Spec);
        HttpProviderRegistration.Add<TwelveDataProvider>(builder.Services, builder.Configuration, selection, TwelveDataProvider.Spec);
        return builder;
    }
}
