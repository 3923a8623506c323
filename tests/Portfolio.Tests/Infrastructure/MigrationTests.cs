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

public sealed class ClosedPositionsSchemaTests
{
    // The archive is written as "closed_at, closed_by, then the positions row as it is" (ClosedPositions.cs), so a
    // migration that changes positions without changing the archive alike would fail every replace upload, or worse,
    // put a value in the wrong column. This keeps the two tables in step.
    [Test]
    public async Task ClosedPositions_IsClosedAtAndClosedBy_ThenEveryColumnOfPositions_InOrder_OfTheSameTypes()
    {
        await using var scope = PortfolioService.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var positions = await ColumnsAsync(db, "positions");
        var closed = await ColumnsAsync(db, "closed_positions");

        Assert.That(positions, Is.Not.Empty);
        Assert.That(closed.Take(2), Is.EqualTo(new[] { "closed_at timestamp with time zone NO", "closed_by character varying YES" }));
        Assert.That(closed.Skip(2), Is.EqualTo(positions));
    }

    private static Task<List<string>> ColumnsAsync(PortfolioDb db, string table) =>
        db.Database.SqlQuery<string>(
            $"""
            SELECT column_name || ' ' || data_type || ' ' || is_nullable AS "Value"
            FROM information_schema.columns WHERE table_schema = 'portfolio' AND table_name = {table} ORDER BY ordinal_position
            """).ToListAsync();
}
