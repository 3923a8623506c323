using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Testing;

namespace Platform.Jobs.Tests;

/// <summary>A schema of its own in the test database for this run, dropped at the end.</summary>
[SetUpFixture]
public sealed class JobsDatabase
{
    public static string ConnectionString { get; } = TestEnvironment.PostgresTestSuperuserConnectionString;

    [OneTimeSetUp]
    public async Task CreateAsync()
    {
        await ExecuteAsync($"CREATE SCHEMA \"{TestDb.Schema}\"");
        await using var db = Open();
        await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
    }

    [OneTimeTearDown]
    public Task DropAsync() => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{TestDb.Schema}\" CASCADE");

    /// <summary>A context outside any host, for arranging rows and reading outcomes.</summary>
    public static TestDb Open() => new(new DbContextOptionsBuilder<TestDb>().UseNpgsql(ConnectionString).Options);

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
