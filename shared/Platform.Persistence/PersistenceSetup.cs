using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.SharedKernel;

namespace Platform.Persistence;

public static class PersistenceSetup
{
    /// <summary>
    /// Registers the service's DbContext on PostgreSQL (connection string <c>Postgres</c>), with its
    /// migrations history in its own schema, the auditing interceptor, and a readiness check.
    /// </summary>
    public static WebApplicationBuilder AddPlatformDbContext<TContext>(this WebApplicationBuilder builder, string schema, string migrationsAssembly)
        where TContext : DbContext
    {
        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseNpgsql(ConnectionString(services), npgsql => npgsql
                .MigrationsHistoryTable(Migrations.HistoryTable, schema)
                .MigrationsAssembly(migrationsAssembly))
            .UsePlatformAuditing(services.GetRequiredService<ICurrentUser>(), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>("postgres", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Audit columns, soft delete as an update, and audit-log rows written in the same SaveChanges,
    /// for the acting user of <paramref name="currentUser"/>.
    /// </summary>
    public static DbContextOptionsBuilder UsePlatformAuditing(this DbContextOptionsBuilder options, ICurrentUser currentUser, TimeProvider clock) =>
        options.AddInterceptors(new AuditingInterceptor(currentUser, clock));

    // Read when first needed, so hosts and tests may supply configuration after registration.
    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");

    private sealed class DatabaseHealthCheck<TContext>(TContext db) : IHealthCheck
        where TContext : DbContext
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
    }
}
