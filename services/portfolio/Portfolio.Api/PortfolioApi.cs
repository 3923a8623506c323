using Platform.Hosting;
using Platform.ServiceDefaults.OpenApi;
using Platform.Storage;
using Portfolio.Api.Endpoints;
using Portfolio.Application.Consumers;
using Portfolio.Application.Market;
using Portfolio.Application.Risk;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Application.Reports;
using Portfolio.Infrastructure;

namespace Portfolio.Api;

internal static class PortfolioApi
{
    public static readonly PlatformService Service = new("portfolio", PortfolioDb.Schema)
    {
        Migrations = typeof(PortfolioInfrastructure).Assembly,
        UseCases = typeof(CreatePortfolio).Assembly,
        Consumers = bus =>
        {
            bus.AddConsumer<UserRegisteredConsumer>();
            bus.AddConsumer<PricesUpdatedConsumer>();
        },
        AdminRoutePrefix = "/api/v1/portfolios/admin",
        Jobs = jobs => jobs.Add<ReportJob, GenerateReport>(GenerateReport.JobType, GenerateReport.Timeout),
    };

    public static WebApplicationBuilder AddPortfolioApi(this WebApplicationBuilder builder)
    {
        builder.AddPortfolioInfrastructure();
        builder.AddPortfolioMarketData();
        builder.AddPortfolioRisk();
        builder.AddPlatformDocumentStore();
        builder.Services.AddAuthorization(PortfolioPolicies.Add);
        builder.Services.DescribeOpenApiTags(
            ("Portfolios", "Portfolios with base currency and risk limits. Owners see and change their own (another's is 404); risk managers and admins read all; admins change any."),
            ("Positions", "Positions (stocks, ETFs, options by OCC symbol), CSV upload, and strategies grouping them. They follow their portfolio's access rules."),
            ("Tags", "Each user's labels for positions, with colours."),
            ("Risk", "Exposures, greeks, factor betas, performance, recorded VaR calculations with limit checks, and the option calculator."),
            ("Reports", "Portfolio summaries and risk reports generated in the background and downloaded as CSV or PDF; each is its requester's alone."));
        return builder;
    }

    public static WebApplication MapPortfolioApi(this WebApplication app)
    {
        app.MapPortfolioEndpoints();
        app.MapPositionEndpoints();
        app.MapTagEndpoints();
        app.MapStrategyEndpoints();
        app.MapRiskEndpoints();
        app.MapReportEndpoints();
        return app;
    }
}
