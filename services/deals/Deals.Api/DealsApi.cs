using Deals.Api.Endpoints;
using Deals.Application.Deals;
using Deals.Application.Persistence;
using Deals.Application.Review;
using Platform.Messaging;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Features;
using Platform.ServiceDefaults.Health;

namespace Deals.Api;

internal static class DealsApi
{
    public static WebApplicationBuilder AddDealsApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddUseCases(typeof(CreateDeal).Assembly);
        builder.AddPlatformRedis();
        // Bounded: one entry per (list version, filter); see DealCounts.
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 10_000);
        builder.Services.AddSingleton<DealCounts>();
        builder.Services.AddSingleton<DealsMetrics>();
        // The export reads a flag; idempotent, so harmless once the shared composition adds it for every service.
        builder.AddPlatformFeatures();
        return builder;
    }

    public static WebApplication MapDealsEndpoints(this WebApplication app)
    {
        app.MapDealEndpoints();
        app.MapMessagingAdmin<DealsDb>("/api/v1/deals/admin");
        return app;
    }
}
