using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Application.Persistence;

namespace Portfolio.Tests.Infrastructure;

public sealed class MigrationTests
{
    [Test]
    public async Task Model_HasNoChangeWithoutAMigration()
    {
        await using var scope = PortfolioService.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run dotnet ef migrations add (see README, Adding a service)");
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
    }
}
