using MarketData.Api.Endpoints;
using MarketData.Application.Assets;
using MarketData.Application.Persistence;
using MarketData.Application.Refresh;
using MarketData.Infrastructure;
using Platform.Hosting;
using Platform.ServiceDefaults.OpenApi;

namespace MarketData.Api;

internal static class MarketDataApi
{
    public static readonly PlatformService Service = new("marketdata", MarketDataDb.Schema)
    {
        Migrations = typeof(MarketDataInfrastructure).Assembly,
        UseCases = typeof(SearchAssets).Assembly,
        AdminRoutePrefix = "/api/v1/market-data/admin",
        Jobs = jobs => jobs
            .Add<RefreshParams, EndOfDayRefresh>(EndOfDayRefresh.Type, timeout: TimeSpan.FromMinutes(30))
            .Add<BackfillParams, AssetBackfill>(AssetBackfill.Type, timeout: TimeSpan.FromMinutes(10))
            // The seed's end-of-day refresh: 16:00 in New York on weekdays, editable by admins.
            .Schedule(EndOfDayRefresh.Type, "0 0 16 ? * MON-FRI", "America/New_York", new RefreshParams()),
        AfterMigrations = MarketDataSeeding.PrepareAsync,
    };

    public static WebApplicationBuilder AddMarketDataApi(this WebApplicationBuilder builder)
    {
        builder.AddMarketDataInfrastructure();
        builder.Services.AddAuthorization(MarketDataPolicies.Add);
        builder.Services.AddOptions<QuoteStreamOptions>().BindConfiguration(QuoteStreamOptions.Section);
        builder.Services.DescribeOpenApiTags(
            ("Assets", "Tracked instruments (equities, ETFs, indices, FX pairs) with exchange, currency and GICS sector and industry."),
            ("Market data", "Daily history, latest quotes (and a live stream), FX rates and option chains. Every signed-in user reads; services read with the marketdata.read scope."));
        return builder;
    }

    public static WebApplication MapMarketDataApi(this WebApplication app)
    {
        app.MapAssetEndpoints();
        app.MapMarketDataEndpoints();
        app.MapQuoteStreamEndpoint();
        app.MapRefreshEndpoint();
        return app;
    }
}
