using Microsoft.EntityFrameworkCore;
using Platform.Persistence;

namespace Platform.Messaging.Tests;

/// <summary>A service's database as the messaging block sees it: the outbox, the inbox and one table of effects.</summary>
public sealed class TestDb(DbContextOptions<TestDb> options) : DbContext(options)
{
    /// <summary>One schema per test run (the model is cached per context type, so it cannot vary per instance).</summary>
    public static readonly string Schema = $"messaging_test_{Guid.NewGuid():N}"[..30];

    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Effect>().HasKey(e => e.Id);
        modelBuilder.AddMessagingTables();
        // The services' own conventions: snake_case names, which the relay's SQL relies on.
        modelBuilder.ApplyPlatformConventions(Schema);
    }
}

/// <summary>What a consumer did, once per applied message.</summary>
public sealed class Effect
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MessageId { get; init; }

    public Guid AggregateId { get; init; }

    public int Index { get; init; }

    public DateTimeOffset AppliedAt { get; init; }

    /// <summary>The trace the consumer ran in.</summary>
    public string? TraceId { get; init; }
}
