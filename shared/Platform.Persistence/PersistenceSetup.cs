using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        // The service's own database: without it the service cannot serve, so it alone makes readiness fail.
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("postgres", tags: ["ready"]);
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
}
