using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Identity.Infrastructure;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the service; no database is contacted.</summary>
internal sealed class DesignTimeIdentityDb : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<IdentityDb>()
        .UseNpgsql("Host=localhost;Database=design_time", npgsql => npgsql
            .MigrationsHistoryTable("__ef_migrations_history", IdentityDb.Schema)
            .MigrationsAssembly(typeof(DesignTimeIdentityDb).Assembly.GetName().Name))
        .Options);
}
