using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.SharedKernel;

namespace Platform.Persistence.Tests;

/// <summary>An aggregate using every convention: audit columns, soft delete, audit log, a redacted secret.</summary>
public sealed class Widget : AggregateRoot, ISoftDeletable, IAudited
{
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
    public string? ApiSecret { get; set; }

    public WidgetFinish Finish { get; set; } = WidgetFinish.BrushedSteel;
    public DateTimeOffset? DeletedAt { get; set; }

    public static Widget Create(string name, decimal price) => new() { Id = Guid.CreateVersion7(), Name = name, Price = price };
}

public enum WidgetFinish
{
    BrushedSteel,
    MatteBlack,
}

/// <summary>
/// A throwaway model in the connection's temporary schema (<c>pg_temp</c>): real PostgreSQL tables
/// that vanish with the connection, so the conventions are tested without owning a schema.
/// </summary>
public sealed class WidgetsDb(DbContextOptions<WidgetsDb> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Widget>(widget =>
        {
            widget.Property(w => w.Name).HasMaxLength(100);
            widget.Property(w => w.Price).HasPrecision(18, 4);
            widget.Property(w => w.ApiSecret).IsRedactedInAudit();
        });
        modelBuilder.ApplyPlatformConventions("pg_temp");
    }

    public static async Task<(NpgsqlConnection Connection, Func<ICurrentUser, WidgetsDb> Open)> CreateAsync(TimeProvider clock)
    {
        var connection = new NpgsqlConnection(Testing.TestEnvironment.PostgresConnectionString("identity"));
        await connection.OpenAsync();
        WidgetsDb Open(ICurrentUser user)
        {
            var options = new DbContextOptionsBuilder<WidgetsDb>().UseNpgsql(connection);
            options.UsePlatformAuditing(user, clock);
            return new WidgetsDb(options.Options);
        }

        await using var db = Open(TestUser.System);
        // The script would also "create" the schema; pg_temp exists per connection and must not be created.
        var script = db.Database.GenerateCreateScript();
        await db.Database.ExecuteSqlRawAsync(script[script.IndexOf("CREATE TABLE", StringComparison.Ordinal)..]);
        return (connection, Open);
    }
}

public sealed record TestUser(string? Subject, string? RequestId) : ICurrentUser
{
    public static readonly TestUser System = new(null, null);

    public bool IsAuthenticated => Subject is not null;

    public Guid? UserId => Guid.TryParse(Subject, out var id) ? id : null;

    public bool IsInRole(string role) => false;
}
