using Alerts.Api.Endpoints;
using Alerts.Application.Alerts;
using Alerts.Application.Consumers;
using Alerts.Application.Persistence;
using Alerts.Application.Streaming;
using Alerts.Infrastructure;
using Platform.Hosting;
using Platform.ServiceDefaults.OpenApi;

namespace Alerts.Api;

internal static class AlertsApi
{
    public static readonly PlatformService Service = new("alerts", AlertsDb.Schema)
    {
        Migrations = typeof(AlertsInfrastructure).Assembly,
        UseCases = typeof(ListAlerts).Assembly,
        Consumers = bus => bus.AddAlertConsumers(),
        AdminRoutePrefix = "/api/v1/alerts/admin",
    };

    public static WebApplicationBuilder AddAlertsApi(this WebApplicationBuilder builder)
    {
        builder.AddAlertsInfrastructure();
        builder.Services.AddScoped<AlertsSince>();
        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.DescribeOpenApiTags(
            ("Alerts", "The caller's alerts: list, read, dismiss, and a Server-Sent Events stream of new ones."),
            ("Alert rules", "The caller's alert rules: price thresholds on tickers and VaR thresholds on portfolios."));
        return builder;
    }

    public static WebApplication MapAlertsEndpoints(this WebApplication app)
    {
        app.MapAlertEndpoints();
        app.MapAlertStreamEndpoint();
        app.MapRuleEndpoints();
        return app;
    }
}
