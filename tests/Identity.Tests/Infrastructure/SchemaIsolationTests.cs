using Npgsql;
using Platform.Testing;

namespace Identity.Tests.Infrastructure;

/// <summary>Each service's database role owns its schema and can touch no other.</summary>
public sealed class SchemaIsolationTests
{
    private static async Task<NpgsqlConnection> OpenAsync(string service)
    {
        var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString(service));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [OneTimeSetUp]
    public async Task CreateTableOwnedByDeals()
    {
        await using var deals = await OpenAsync("deals");
        await ExecuteAsync(deals, "CREATE TABLE IF NOT EXISTS deals.isolation_probe (id int primary key)");
    }

    [Test]
    public async Task IdentityRole_CannotReadAnotherServicesSchema()
    {
        await using var identity = await OpenAsync("identity");

        var error = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(identity, "SELECT * FROM deals.isolation_probe"));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [Test]
    public async Task IdentityRole_CannotWriteAnotherServicesSchema()
    {
        await using var identity = await OpenAsync("identity");

        var insert = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(identity, "INSERT INTO deals.isolation_probe VALUES (1)"));
        var create = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(identity, "CREATE TABLE deals.intruder (id int)"));

        Assert.That(insert!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(create!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [Test]
    public async Task IdentityRole_CannotUseThePublicSchema()
    {
        await using var identity = await OpenAsync("identity");

        var error = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(identity, "CREATE TABLE public.intruder (id int)"));

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [Test]
    public async Task IdentityRole_CanWorkInItsOwnSchema()
    {
        await using var identity = await OpenAsync("identity");

        await ExecuteAsync(identity, "CREATE TEMP TABLE scratch (id int); SELECT count(*) FROM identity.users");

        Assert.That(identity.State, Is.EqualTo(System.Data.ConnectionState.Open));
    }
}
