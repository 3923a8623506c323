using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Persistence;

namespace Platform.Jobs.Tests;

/// <summary>A service's database as the jobs block sees it: the job tables and the outbox that announces failures.</summary>
public sealed class TestDb(DbContextOptions<TestDb> options) : DbContext(options)
{
    /// <summary>One schema per test run (the model is cached per context type, so it cannot vary per instance).</summary>
    public static readonly string Schema = $"jobs_test_{Guid.NewGuid():N}"[..30];

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<JobSchedule> JobSchedules => Set<JobSchedule>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddJobTables();
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyPlatformConventions(Schema);
    }
}
