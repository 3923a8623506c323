using Deals.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Deals.Tests.Infrastructure;

public sealed class MigrationTests
{
    [Test]
    public async Task Model_HasNoChangeWithoutAMigration()
    {
        await using var scope = DealsService.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DealsDb>();
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run dotnet ef migrations add (see README, Adding a service)");
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
    }
}
