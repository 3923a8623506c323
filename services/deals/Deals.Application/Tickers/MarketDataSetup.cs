using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;

namespace Deals.Application.Tickers;

public static class MarketDataSetup
{
    /// <summary>
    /// Marketdata's client as the deals service (<c>Services:marketdata:BaseUrl</c>, <c>Auth:Client</c>,
    /// scope <c>marketdata.track</c>), capped at <see cref="MarketDataOptions.Timeout"/>, and the verifier.
    /// </summary>
    public static IHostApplicationBuilder AddDealsMarketData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MarketDataOptions>().BindConfiguration(MarketDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // HttpClient.Timeout bounds the whole send, token request and resilience pipeline included: the
        // shared pipeline's 10 s attempt and 30 s total are for calls a user is not waiting on.
        builder.AddServiceClient<MarketDataClient>("marketdata", scope: "marketdata.track")
            .ConfigureHttpClient((services, http) => http.Timeout = services.GetRequiredService<IOptions<MarketDataOptions>>().Value.Timeout);
        builder.Services.AddScoped<TickerVerification>();
        builder.Services.AddHostedService<TickerVerifier>();
        return builder;
    }
}
