using System.Globalization;
using Npgsql;
using Platform.Testing;

namespace Operations.Tests;

/// <summary>
/// Each service's connection string may point at a PostgreSQL server of its own: loans on a second
/// cluster through <c>PLATFORM_PG_LOANS_HOST/PORT</c>, provisioned by the same script up.sh uses,
/// while every other service's connection string still names the shared server.
/// </summary>
public sealed class SeparateServerTests
{
    private static readonly string[] OtherServices = ["identity", "deals", "alerts", "portfolio", "marketdata"];

    [Test]
    public async Task Loans_OnAServerOfItsOwn_MigratesAndWritesThere_WhileTheOthersStayOnTheSharedServer()
    {
        var second = OperationsFixture.SecondCluster;
        var ownServer = new Dictionary<string, string>
        {
            ["PLATFORM_PG_LOANS_HOST"] = second.Host,
            ["PLATFORM_PG_LOANS_PORT"] = second.Port.ToString(CultureInfo.InvariantCulture),
        };
        var shared = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresTestSuperuserConnectionString);

        // What make run does with the override: provision there, then hand each service its connection string.
        await RepoScript.RunOkAsync("deploy/ops/provision.sh", ["loans"], ownServer);
        var loans = new NpgsqlConnectionStringBuilder((await ServiceEnvironmentAsync("loans", ownServer))["ConnectionStrings__Postgres"]);
        Assert.That((loans.Host, loans.Port), Is.EqualTo((second.Host, second.Port)));
        foreach (var other in OtherServices)
        {
            var connection = new NpgsqlConnectionStringBuilder((await ServiceEnvironmentAsync(other, ownServer))["ConnectionStrings__Postgres"]);
            Assert.That((connection.Host, connection.Port), Is.EqualTo((shared.Host, shared.Port)), other);
        }

        Guid id;
        await using (var host = new LoansHost(loans.ConnectionString))
        {
            var booking = await host.SubmitBookingAsync();
            id = booking.GetProperty("id").GetGuid();
            Assert.That((await host.GetBookingAsync(id.ToString())).GetProperty("status").GetString(), Is.EqualTo("submitted"));
        }

        var onSecond = second.SuperuserConnectionString(loans.Database!);
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ColumnAsync(onSecond, "SELECT \"MigrationId\" FROM loans.__ef_migrations_history"),
                Has.Some.EndsWith("_Initial"), "loans' migrations are applied on its own server");
            Assert.That(await Database.BookingRowsAsync(onSecond, id), Is.EqualTo(1), "the booking is on loans' own server");
            Assert.That(await Database.ScalarAsync<string>(onSecond, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'loans'"),
                Is.EqualTo("loans_svc"));
        });
        // The shared server's databases (make run's and the tests') never saw it.
        foreach (var database in new[] { TestEnvironment.Get("PLATFORM_PG_DATABASE"), TestEnvironment.Get("PLATFORM_PG_TEST_DATABASE") })
        {
            Assert.That(await Database.BookingRowsAsync(Database.WithDatabase(TestEnvironment.PostgresTestSuperuserConnectionString, database), id),
                Is.Zero, database);
        }
    }

    /// <summary>The environment deploy/local/service-env.sh gives the service, parsed from its <c>export NAME='value'</c> lines.</summary>
    public static async Task<Dictionary<string, string>> ServiceEnvironmentAsync(string service, IReadOnlyDictionary<string, string> environment)
    {
        var output = await RepoScript.RunOkAsync("deploy/local/service-env.sh", [service], environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("export ", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is > 7 and var equals)
            {
                values[line[7..equals]] = line[(equals + 1)..].Trim('\'').Replace("'\\''", "'", StringComparison.Ordinal);
            }
        }

        return values;
    }
}
