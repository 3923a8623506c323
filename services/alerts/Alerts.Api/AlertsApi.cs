using Alerts.Api.Endpoints;
using Alerts.Application.Alerts;
using Alerts.Application.Streaming;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Health;

namespace Alerts.Api;

internal static class AlertsApi
{
    public static WebApplicationBuilder AddAlertsApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddUseCases(typeof(ListAlerts).Assembly);
        builder.Services.AddScoped<AlertsSince>();
        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddPlatformRedis();
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
