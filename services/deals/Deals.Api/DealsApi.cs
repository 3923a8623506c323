using Deals.Api.Endpoints;
using Deals.Application.Deals;
using Deals.Application.Persistence;
using Platform.Messaging;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.OpenApi;

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
        builder.Services.DescribeOpenApiTags(
            ("Deals", "M&A deals: terms, review workflow (draft, pending review, approved, rejected), history, CSV export and import. Every signed-in user reads; analysts write; reviewers review."));
        builder.Services.DescribeMessagingAdminOpenApi();
        return builder;
    }

    public static WebApplication MapDealsEndpoints(this WebApplication app)
    {
        app.MapDealEndpoints();
        app.MapMessagingAdmin<DealsDb>("/api/v1/deals/admin");
        return app;
    }
}
