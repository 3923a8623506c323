using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using Platform.SharedKernel;
using Platform.Testing;

namespace Operations.Tests;

/// <summary>
/// deploy/ops/backup.sh takes one service's schema and nothing else; deploy/ops/restore.sh puts it into
/// an empty database on another cluster, after which the service starts on it and serves the same data.
/// </summary>
public sealed class BackupRestoreTests
{
    [Test]
    public async Task Loans_BackedUpAndRestoredIntoAnEmptyDatabaseOnAnotherCluster_ServesTheSameData()
    {
        await using var source = await ScratchDatabase.CreateAsync("loans");
        var sourceDatabase = new NpgsqlConnectionStringBuilder(source.ConnectionString).Database!;
        var sourceAdmin = Database.WithDatabase(TestEnvironment.PostgresTestSuperuserConnectionString, sourceDatabase);
        // Another service's schema beside it, as in the shared database: it must stay out of the backup.
        await Database.ExecuteAsync(sourceAdmin, "CREATE SCHEMA deals AUTHORIZATION deals_svc; CREATE TABLE deals.not_for_loans (id int)");

        JsonElement before;
        List<string> outboxBefore;
        await using (var host = new LoansHost(source.ConnectionString))
        {
            var submitted = await host.SubmitBookingAsync();
            // As stored (the submit response carries the clock's full precision, PostgreSQL keeps microseconds).
            before = await host.GetBookingAsync(submitted.GetProperty("id").GetString()!);
            Step("booking submitted");
            // The relay publishes the submission; the backup must not bring it back as pending.
            outboxBefore = await PublishedOutboxAsync(source.ConnectionString);
            Step("outbox published");
        }

        var dump = Path.Combine(TestEnvironment.RunDirectory, "backups", $"ops-test-{Guid.NewGuid():N}.dump");
        var target = $"restored_{Guid.NewGuid():N}";
        var second = OperationsFixture.SecondCluster;
        try
        {
            await RepoScript.RunOkAsync("deploy/ops/backup.sh", ["loans", dump], new Dictionary<string, string> { ["PLATFORM_PG_DATABASE"] = sourceDatabase });
            Step("backed up");
            var onTarget = new Dictionary<string, string>
            {
                ["PLATFORM_PG_DATABASE"] = target,
                ["PLATFORM_PG_LOANS_HOST"] = second.Host,
                ["PLATFORM_PG_LOANS_PORT"] = second.Port.ToString(CultureInfo.InvariantCulture),
            };
            await RepoScript.RunOkAsync("deploy/ops/restore.sh", ["loans", dump], onTarget);
            Step("restored");

            var targetAdmin = second.SuperuserConnectionString(target);
            Assert.That(await Database.ColumnAsync(targetAdmin, "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1"),
                Is.EqualTo(new[] { "loans", "public" }), "only loans' own schema is in the backup");
            Assert.That(await Database.ColumnAsync(targetAdmin, "SELECT id || ' ' || message_type || ' ' || (published_at IS NOT NULL) FROM loans.outbox_messages ORDER BY sequence"),
                Is.EqualTo(outboxBefore), "the outbox comes back as it was: the same events, published, none to send again");

            // A second restore into the now non-empty database is refused, leaving the data alone.
            var (exitCode, output) = await RepoScript.RunAsync("deploy/ops/restore.sh", ["loans", dump], onTarget);
            Assert.That(exitCode, Is.Not.Zero, output);
            Assert.That(output, Does.Contain("restore only into an empty database"));

            // The service, under its own role, on the restored database: nothing to migrate, the same booking, and it keeps working.
            var restored = new NpgsqlConnectionStringBuilder(source.ConnectionString) { Host = second.Host, Port = second.Port, Database = target };
            await using var host = new LoansHost(restored.ConnectionString);
            var id = before.GetProperty("id").GetString()!;
            var after = await host.GetBookingAsync(id);
            Step("restored service answered");
            Assert.Multiple(() =>
            {
                foreach (var field in new[] { "id", "reference", "status", "borrower", "principal", "productCode", "officerId", "submittedAt" })
                {
                    Assert.That(after.GetProperty(field).ToString(), Is.EqualTo(before.GetProperty(field).ToString()), field);
                }
            });

            // Versions are PostgreSQL's xmin, rewritten by the restore: the restored one is what a client must send now.
            using var reviewer = host.ClientFor(out _, PlatformRoles.Reviewer);
            using var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/loan-bookings/{id}/approve");
            approve.Headers.TryAddWithoutValidation("If-Match", LoansHost.ETag(after));
            var approved = await LoansHost.ReadAsync(await reviewer.SendAsync(approve), HttpStatusCode.OK);
            Assert.That(approved.GetProperty("status").GetString(), Is.EqualTo("approved"));

            // Sequences came back with their values: the next booking number follows the restored one.
            var next = await host.SubmitBookingAsync();
            Assert.That(Number(next), Is.GreaterThan(Number(before)));
            Assert.That(await Database.ScalarAsync<long>(targetAdmin, "SELECT count(*) FROM loans.__ef_migrations_history"),
                Is.EqualTo(await Database.ScalarAsync<long>(sourceAdmin, "SELECT count(*) FROM loans.__ef_migrations_history")));
        }
        finally
        {
            File.Delete(dump);
            NpgsqlConnection.ClearAllPools();
            await Database.ExecuteAsync(second.SuperuserConnectionString("postgres"), $"DROP DATABASE IF EXISTS {target} WITH (FORCE)");
        }
    }

    /// <summary>The outbox rows once the relay has published them all (id, type, published), failing with their errors otherwise.</summary>
    private static async Task<List<string>> PublishedOutboxAsync(string connectionString)
    {
        const string Rows = "SELECT id || ' ' || message_type || ' ' || (published_at IS NOT NULL) || ' ' || attempts || ' ' || coalesce(last_error, '') FROM loans.outbox_messages ORDER BY sequence";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<string> rows;
        while (!(rows = await Database.ColumnAsync(connectionString, Rows)).All(row => row.Contains(" true ", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.That(rows, Is.Not.Empty.And.All.Contains(" true "), "the relay published every event");
        return [.. rows.Select(row => string.Join(' ', row.Split(' ').Take(3)))];
    }

    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    // Progress with timings: this test runs in make test and must stay fast.
    private static void Step(string what) => TestContext.Progress.WriteLine($"{Clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private static long Number(JsonElement booking) =>
        long.Parse(booking.GetProperty("reference").GetString()!["LB-".Length..], CultureInfo.InvariantCulture);
}
