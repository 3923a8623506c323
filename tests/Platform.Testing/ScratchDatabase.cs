using Npgsql;

namespace Platform.Testing;

/// <summary>
/// A database of its own for one test, laid out like the platform's (the service's schema owned by
/// its role), dropped afterwards. For tests whose point would be spoiled by other processes sharing
/// the test database, such as another replica's background relay doing the work under test.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _name;

    private ScratchDatabase(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>Connects as the service's own role, as the service does.</summary>
    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string service)
    {
        var name = $"scratch_{service}_{Guid.NewGuid():N}";
        await ExecuteAsync(Admin("postgres"), $"CREATE DATABASE {name}; GRANT CONNECT, TEMPORARY ON DATABASE {name} TO {service}_svc;");
        await ExecuteAsync(Admin(name), $"CREATE SCHEMA {service} AUTHORIZATION {service}_svc; REVOKE ALL ON SCHEMA public FROM PUBLIC;");
        var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString(service)) { Database = name };
        return new ScratchDatabase(name, connection.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(Admin("postgres"), $"DROP DATABASE IF EXISTS {_name} WITH (FORCE);");
    }

    private static string Admin(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresTestSuperuserConnectionString) { Database = database, Pooling = false }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
