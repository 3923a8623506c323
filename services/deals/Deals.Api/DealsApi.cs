using Deals.Api.Endpoints;
using Deals.Application.Deals;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Health;

namespace Deals.Api;

internal static class DealsApi
{
    public static WebApplicationBuilder AddDealsApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddUseCases(typeof(CreateDeal).Assembly);
        builder.AddPlatformRedis();
        return builder;
    }

    public static WebApplication MapDealsEndpoints(this WebApplication app)
    {
        app.MapDealEndpoints();
        return app;
    }
}
