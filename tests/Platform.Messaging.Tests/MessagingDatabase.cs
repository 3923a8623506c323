using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>A schema of its own in the test database for this run, dropped at the end.</summary>
[SetUpFixture]
public sealed class MessagingDatabase
{
    public static string ConnectionString { get; } = TestEnvironment.PostgresTestSuperuserConnectionString;

    [OneTimeSetUp]
    public async Task CreateAsync()
    {
        await ExecuteAsync($"CREATE SCHEMA \"{TestDb.Schema}\"");
        await using var db = new TestDb(new DbContextOptionsBuilder<TestDb>().UseNpgsql(ConnectionString).Options);
        await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
    }

    [OneTimeTearDown]
    public Task DropAsync() => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{TestDb.Schema}\" CASCADE");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
