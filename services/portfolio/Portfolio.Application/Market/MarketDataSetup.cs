using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;

namespace Portfolio.Application.Market;

public static class MarketDataSetup
{
    /// <summary>
    /// Marketdata's client as the portfolio service (<c>Services:marketdata:BaseUrl</c>, <c>Auth:Client</c>,
    /// scopes <c>marketdata.read marketdata.track</c>), the instrument directory and the sync that keeps the closes.
    /// </summary>
    public static IHostApplicationBuilder AddPortfolioMarketData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MarketDataOptions>().BindConfiguration(MarketDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddServiceClient<MarketDataClient>("marketdata", scope: "marketdata.read marketdata.track")
            .ConfigureHttpClient((services, http) => http.Timeout = services.GetRequiredService<IOptions<MarketDataOptions>>().Value.Timeout);
        builder.Services.AddScoped<InstrumentDirectory>();
        builder.Services.AddScoped<MarketDataSync>();
        builder.Services.AddSingleton<MarketDataSyncSignal>();
        builder.Services.AddHostedService<MarketDataSyncWorker>();
        return builder;
    }
}
