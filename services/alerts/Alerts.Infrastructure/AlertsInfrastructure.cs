using Alerts.Application.Alerts;
using Alerts.Application.Consumers;
using Alerts.Application.Persistence;
using Alerts.Application.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging;
using Platform.Persistence;
using Platform.ServiceDefaults.Health;

namespace Alerts.Infrastructure;

public static class AlertsInfrastructure
{
    /// <summary>The alerts schema on PostgreSQL, the consumers on the message bus, and the commit notifications for streams.</summary>
    public static WebApplicationBuilder AddAlertsInfrastructure(this WebApplicationBuilder builder)
    {
        builder.AddPlatformDbContext<AlertsDb>(AlertsDb.Schema, typeof(AlertsInfrastructure).Assembly.GetName().Name!);
        builder.AddPlatformMessaging<AlertsDb>("alerts", bus => bus.AddAlertConsumers());
        builder.Services.AddMessagingMetrics("alerts");
        builder.Services.AddSingleton<AlertFeed>();
        builder.Services.AddSingleton<AlertsMetrics>();
        builder.Services.AddSingleton<AlertNotificationListener>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<AlertNotificationListener>());
        builder.Services.AddHealthChecks().AddCheck<AlertNotificationHealthCheck>("alert-notifications", tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    /// <summary>Applies migrations (or only them, with --migrate-only). Returns whether to serve.</summary>
    public static Task<bool> PrepareAsync(this WebApplication app, string[] args) => app.MigrateAsync<AlertsDb>(args);
}
