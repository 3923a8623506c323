using Deals.Api.Endpoints;
using Deals.Application.Authoring;
using Deals.Application.Market;
using Deals.Application.Csv;
using Deals.Application.Persistence;
using Deals.Application.Queries;
using Deals.Application.Review;
using Deals.Application.Tickers;
using Deals.Infrastructure;
using Platform.Hosting;
using Platform.Persistence;
using Platform.ServiceDefaults.OpenApi;

namespace Deals.Api;

internal static class DealsApi
{
    public static readonly PlatformService Service = new("deals", DealsDb.Schema)
    {
        Migrations = typeof(DealsInfrastructure).Assembly,
        UseCases = typeof(CreateDeal).Assembly,
        Events = new DealsEvents(),
        Consumers = bus => bus.AddConsumer<PricesUpdatedConsumer>(),
        AdminRoutePrefix = "/api/v1/deals/admin",
    };

    public static WebApplicationBuilder AddDealsApi(this WebApplicationBuilder builder)
    {
        builder.AddDealsInfrastructure();
        builder.AddDealsMarketData();
        // Bounded: one entry per (list version, filter); see ListCounts. In-process is right here: a
        // new list version (any write, on any replica) makes every old entry unreachable.
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 10_000);
        builder.Services.AddSingleton<ListCounts>();
        builder.Services.AddSingleton<DealsMetrics>();
        builder.Services.DescribeOpenApiTags(
            ("Deals", "M&A deals: terms, review workflow (draft, pending review, approved, rejected), history, CSV export and import. Every signed-in user reads; analysts write; reviewers review."));
        return builder;
    }
}
