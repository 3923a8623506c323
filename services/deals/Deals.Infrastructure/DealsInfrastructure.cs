using Deals.Application.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using Platform.Persistence;
using Platform.Persistence.Idempotency;

namespace Deals.Infrastructure;

public static class DealsInfrastructure
{
    /// <summary>The deals schema on PostgreSQL, and the message bus with the outbox that publishes deal events.</summary>
    public static WebApplicationBuilder AddDealsInfrastructure(this WebApplicationBuilder builder)
    {
        builder.AddPlatformDbContext<DealsDb>(DealsDb.Schema, typeof(DealsInfrastructure).Assembly.GetName().Name!);
        builder.AddPlatformMessaging<DealsDb>("deals");
        builder.Services.AddMessagingMetrics("deals");
        builder.Services.AddSingleton<IIntegrationEventMapper, DealIntegrationEvents>();
        builder.Services.AddIdempotencyPurge<DealsDb>();
        return builder;
    }

    /// <summary>Applies migrations (or only them, with --migrate-only). Returns whether to serve.</summary>
    public static Task<bool> PrepareAsync(this WebApplication app, string[] args) => app.MigrateAsync<DealsDb>(args);
}
