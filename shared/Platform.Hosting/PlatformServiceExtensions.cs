using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Persistence;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.OpenApi;

namespace Platform.Hosting;

public static class PlatformServiceExtensions
{
    /// <summary>
    /// Everything a platform service has: JSON logs and telemetry, problem+json errors, JWT validation
    /// with the revocation list in Redis, health, OpenAPI, its DbContext on its own schema, the event
    /// backbone (outbox, relay, inbox consumers) and its use cases. Configuration each part needs is
    /// validated at start-up, so a missing connection string stops the process instead of a feature.
    /// </summary>
    public static WebApplicationBuilder AddPlatformService<TDb>(this WebApplicationBuilder builder, PlatformService service)
        where TDb : DbContext
    {
        builder.AddServiceDefaults(service.Name);
        builder.AddPlatformDbContext<TDb>(service.Schema, service.Migrations.GetName().Name!);
        builder.AddPlatformMessaging<TDb>(service.Name, service.Events, service.Consumers);
        builder.Services.AddUseCases(service.UseCases);
        builder.Services.DescribeMessagingAdminOpenApi();
        if (service.Jobs is { } jobs)
        {
            builder.AddPlatformJobs<TDb>(service.Name, jobs);
            builder.Services.DescribeJobsOpenApi();
        }

        builder.Services.AddSingleton(new ComposedService(
            service,
            app =>
            {
                app.MapMessagingAdmin<TDb>(service.AdminRoutePrefix);
                if (service.Jobs is not null)
                {
                    app.MapJobs<TDb>(service.AdminRoutePrefix);
                }
            },
            (app, args) => app.MigrateAsync<TDb>(args)));
        return builder;
    }

    /// <summary>The shared middleware in its order, health, OpenAPI and the messaging admin endpoints.</summary>
    public static WebApplication UsePlatformService(this WebApplication app)
    {
        var service = Composed(app);
        app.UseServiceDefaults();
        service.MapAdmin(app);
        return app;
    }

    /// <summary>
    /// Applies the service's migrations under an advisory lock, then serves; with <c>--migrate-only</c>
    /// on the command line it stops after the migrations (a deploy job).
    /// </summary>
    public static async Task RunPlatformServiceAsync(this WebApplication app, string[] args)
    {
        var composed = Composed(app);
        if (!await composed.Migrate(app, args))
        {
            return;
        }

        if (composed.Service.AfterMigrations is { } prepare)
        {
            await prepare(app);
        }

        await app.RunAsync();
    }

    private static ComposedService Composed(WebApplication app) =>
        app.Services.GetService<ComposedService>()
        ?? throw new InvalidOperationException("Call builder.AddPlatformService<TDb>(...) before building the app.");
}
