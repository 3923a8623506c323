using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Persistence;

public static class Migrations
{
    /// <summary>
    /// Applies pending migrations while holding a PostgreSQL advisory lock named after the schema,
    /// so replicas starting together migrate once. With <c>--migrate-only</c> on the command line
    /// the process exits afterwards (for deploy jobs); returns whether the app should keep running.
    /// </summary>
    public static async Task<bool> MigrateAsync<TContext>(this WebApplication app, string[] args)
        where TContext : DbContext
    {
        // Configuration is validated before the database is touched, not when the host starts later.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();

        var migrateOnly = args.Contains("--migrate-only");
        if (!migrateOnly && !app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            return true;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Migrations");
        var schema = db.Model.GetDefaultSchema() ?? "public";
        var lockKey = LockKeyFor(schema);

        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0})", lockKey);
            // Otherwise EF queries the missing history table of an empty schema and logs that as an error.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                // A migration that rewrites a large table takes as long as it takes; the request-sized default
                // (30 s) would fail it halfway on a grown database and leave the service unable to start.
                db.Database.SetCommandTimeout(MigrationCommandTimeout);
                await db.Database.MigrateAsync();
            }

            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", lockKey);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return !migrateOnly;
    }

    public const string HistoryTable = "__ef_migrations_history";

    /// <summary>How long one statement of a migration may run.</summary>
    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    // A stable 64-bit key per schema (string.GetHashCode is randomised per process).
    private static long LockKeyFor(string name)
    {
        var hash = 1469598103934665603UL;
        foreach (var c in "platform-migrations:" + name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
