using Npgsql;
using Platform.Testing;

namespace Platform.Persistence.Tests;

/// <summary>
/// Each service's database role owns its schema and can touch no other, as provisioned by
/// deploy/local/up.sh: checked for every pair of the six services.
/// </summary>
public sealed class SchemaIsolationTests
{
    private static readonly string[] Services = ["identity", "deals", "alerts", "portfolio", "marketdata", "loans"];

    private static IEnumerable<TestCaseData> OtherSchemas() =>
        from service in Services
        from other in Services
        where other != service
        select new TestCaseData(service, other).SetName($"{service}_CannotTouch_{other}");

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

    // "allowed", or the SQLSTATE of the refusal.
    private static async Task<string?> OutcomeAsync(NpgsqlConnection connection, string sql)
    {
        try
        {
            await ExecuteAsync(connection, sql);
            return "allowed";
        }
        catch (PostgresException exception)
        {
            return exception.SqlState;
        }
    }

    [OneTimeSetUp]
    public async Task CreateAProbeTableInEverySchema()
    {
        foreach (var service in Services)
        {
            await using var owner = await OpenAsync(service);
            await ExecuteAsync(owner, $"CREATE TABLE IF NOT EXISTS {service}.isolation_probe (id int primary key)");
        }
    }

    [TestCaseSource(nameof(OtherSchemas))]
    public async Task ServiceRole_CannotReadWriteOrCreateInAnotherServicesSchema(string service, string other)
    {
        await using var connection = await OpenAsync(service);

        var read = await OutcomeAsync(connection, $"SELECT * FROM {other}.isolation_probe");
        var write = await OutcomeAsync(connection, $"INSERT INTO {other}.isolation_probe VALUES (1)");
        var create = await OutcomeAsync(connection, $"CREATE TABLE {other}.intruder (id int)");

        Assert.That(new[] { read, write, create }, Is.All.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [TestCaseSource(nameof(Services))]
    public async Task ServiceRole_CannotUseThePublicSchema(string service)
    {
        await using var connection = await OpenAsync(service);

        Assert.That(await OutcomeAsync(connection, "CREATE TABLE public.intruder (id int)"), Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
    }

    [TestCaseSource(nameof(Services))]
    public async Task ServiceRole_WorksInItsOwnSchema(string service)
    {
        await using var connection = await OpenAsync(service);

        Assert.That(await OutcomeAsync(connection, $"INSERT INTO {service}.isolation_probe VALUES (1) ON CONFLICT DO NOTHING"), Is.EqualTo("allowed"));
    }
}
