using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build a service's model without starting the service; no database is
/// contacted. Derive once in the service's Infrastructure project (where its migrations live).
/// </summary>
public abstract class DesignTimeFactory<TContext>(string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql("Host=localhost;Database=design_time", npgsql => npgsql
                .MigrationsHistoryTable(Migrations.HistoryTable, schema)
                .MigrationsAssembly(GetType().Assembly.GetName().Name))
            .Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
