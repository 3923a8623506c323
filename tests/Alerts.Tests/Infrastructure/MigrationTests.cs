using Alerts.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Tests.Infrastructure;

public sealed class MigrationTests
{
    [Test]
    public async Task Model_HasNoChangeWithoutAMigration()
    {
        await using var scope = AlertsService.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertsDb>();
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run dotnet ef migrations add (see README, Adding a service)");
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
    }
}
