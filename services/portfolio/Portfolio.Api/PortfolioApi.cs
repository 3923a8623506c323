using Platform.Hosting;
using Platform.ServiceDefaults.OpenApi;
using Platform.Storage;
using Portfolio.Api.Endpoints;
using Portfolio.Application.Batch;
using Portfolio.Application.Consumers;
using Portfolio.Application.IndexStrategies;
using Portfolio.Application.Market;
using Portfolio.Application.Modeling;
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
            bus.AddBatchConsumer();
        },
        AdminRoutePrefix = "/api/v1/portfolios/admin",
        Jobs = jobs =>
        {
            BatchJobs.Register(jobs);
            jobs.Add<ReportJob, GenerateReport>(GenerateReport.JobType, GenerateReport.Timeout);
        },
    };

    public static WebApplicationBuilder AddPortfolioApi(this WebApplicationBuilder builder)
    {
        builder.AddPortfolioInfrastructure();
        builder.AddPortfolioMarketData();
        builder.AddPortfolioRisk();
        builder.AddPlatformDocumentStore();
        builder.AddPortfolioBatch();
        builder.AddPortfolioModeling();
        builder.Services.AddScoped<IndexMarketData>();
        builder.Services.AddAuthorization(PortfolioPolicies.Add);
        builder.Services.DescribeOpenApiTags(
            ("Portfolios", "Portfolios with base currency and risk limits. Owners see and change their own (another's is 404); risk managers and admins read all; admins change any."),
            ("Positions", "Positions (stocks, ETFs, options by OCC symbol), CSV upload, and strategies grouping them. They follow their portfolio's access rules."),
            ("Tags", "Each user's labels for positions, with colours."),
            ("Risk", "Exposures, greeks, factor betas, performance, recorded VaR calculations with limit checks, the option calculator, and the daily history of snapshots."),
            ("Batch", "Admins only: the nightly batch (market-data-sync, risk-metrics, snapshots, retention) started and followed; runs are jobs of the shared runner."),
            ("Modeling", "What-if sessions: hypothetical trades on a portfolio you may read, their impacts before and after, suggested hedges, saved scenarios. Owner-only: anyone else gets 404."),
            ("Exports", "Trade files (CSV, FIX 4.4 NewOrderSingle) of your scenarios and sessions, and your export history. Owner-only."),
            ("Index strategies", "Index definitions (basket, weighting, monthly rebalance with a turnover limit) and their simulation in any currency. Only the owner sees one."),
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
        app.MapHistoryEndpoints();
        app.MapBatchEndpoints(app.Environment);
        app.MapModelingEndpoints();
        app.MapExportEndpoints();
        app.MapIndexStrategyEndpoints();
        app.MapReportEndpoints();
        return app;
    }
}
