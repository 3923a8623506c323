using Alerts.Application.Alerts;
using Alerts.Application.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Health;

namespace Alerts.Infrastructure;

public static class AlertsInfrastructure
{
    /// <summary>What alerts adds to the platform's composition: the commit notifications that wake streams.</summary>
    public static WebApplicationBuilder AddAlertsInfrastructure(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertsMetrics>();
        builder.Services.AddSingleton<AlertFeed>();
        builder.Services.AddSingleton<AlertNotificationListener>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<AlertNotificationListener>());
        builder.Services.AddHealthChecks().AddCheck<AlertNotificationHealthCheck>("alert-notifications", tags: [HealthSetup.ReadyTag]);
        return builder;
    }
}
