using Alerts.Api.Endpoints;
using Alerts.Application.Alerts;
using Alerts.Application.Streaming;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.OpenApi;

namespace Alerts.Api;

internal static class AlertsApi
{
    public static WebApplicationBuilder AddAlertsApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddUseCases(typeof(ListAlerts).Assembly);
        builder.Services.AddScoped<AlertsSince>();
        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddPlatformRedis();
        builder.Services.DescribeOpenApiTags(
            ("Alerts", "The caller's alerts: list, read, dismiss, and a Server-Sent Events stream of new ones."),
            ("Alert rules", "The caller's alert rules: price thresholds on tickers and VaR thresholds on portfolios."));
        builder.Services.DescribeMessagingAdminOpenApi();
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
