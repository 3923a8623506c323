using Deals.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Deals.Infrastructure;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the service; no database is contacted.</summary>
internal sealed class DesignTimeDealsDb : IDesignTimeDbContextFactory<DealsDb>
{
    public DealsDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<DealsDb>()
        .UseNpgsql("Host=localhost;Database=design_time", npgsql => npgsql
            .MigrationsHistoryTable("__ef_migrations_history", DealsDb.Schema)
            .MigrationsAssembly(typeof(DesignTimeDealsDb).Assembly.GetName().Name))
        .Options);
}
