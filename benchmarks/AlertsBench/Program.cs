using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AlertsBench;
using Npgsql;

// Usage (normally through benchmarks/alerts-fault.sh, which also injects the faults):
//   AlertsBench fault   <gateway[,gateway...]> <submissions> <progress-file> <submissions-per-second>
//   AlertsBench latency <gateway[,gateway...]> <submissions>
// With several gateways (REPLICAS=2) every user's requests take turns among them.
//   AlertsBench outbox  <deals-connection-string> <rows>
var mode = args.ElementAtOrDefault(0);
return mode switch
{
    "fault" => await FaultRun.RunAsync(Gateways(args[1]), int.Parse(args[2]), args[3], double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)),
    "latency" => await LatencyRun.RunAsync(Gateways(args[1]), int.Parse(args[2])),
    "outbox" => await OutboxRun.RunAsync(args[1], int.Parse(args[2])),
    _ => Usage(),
};

static Uri[] Gateways(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(gateway => new Uri(gateway))];

static int Usage()
{
    Console.Error.WriteLine("usage: AlertsBench fault|latency|outbox ... (see benchmarks/alerts-fault.sh)");
    return 2;
}

/// <summary>The demo users make run seeds, read from the same file (DEMO_USERS_FILE, set by alerts-fault.sh).</summary>
internal static class Demo
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<List<DemoUser>> Users = new(() => JsonSerializer.Deserialize<List<DemoUser>>(
        File.ReadAllText(Environment.GetEnvironmentVariable("DEMO_USERS_FILE") ?? throw new InvalidOperationException("DEMO_USERS_FILE is not set.")),
        Json)!);

    public static Task<GatewayUser> SignInAsync(IReadOnlyList<Uri> gateway, string role)
    {
        var user = Users.Value.First(u => u.Role == role);
        return GatewayUser.SignInAsync(gateway, user.Email, user.Password);
    }

    private sealed record DemoUser(string Email, string Password, string Role);

    public static async Task WaitForIdentityOutboxAsync(GatewayUser admin)
    {
        for (var i = 0; i < 200; i++)
        {
            var outbox = await GatewayUser.ReadAsync(await admin.Http.GetAsync("/api/v1/users/admin/outbox"));
            if (outbox.GetProperty("pending").GetInt32() == 0)
            {
                await Task.Delay(1000);
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("identity's outbox did not drain");
    }
}

/// <summary>
/// Submissions while the broker and the alerts service fail underneath; then counts, per reviewer,
/// the review alerts for exactly the submitted deals: lost = missing, duplicated = extra.
/// </summary>
internal static class FaultRun
{
    public static async Task<int> RunAsync(IReadOnlyList<Uri> gateway, int submissions, string progressFile, double perSecond)
    {
        var admin = await Demo.SignInAsync(gateway, "admin");
        var analyst = await Demo.SignInAsync(gateway, "analyst");
        // Throwaway accounts of this run: a fresh random password each time.
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        var extraReviewers = Enumerable.Range(1, 2).Select(i => $"bench-reviewer-{i}-{Guid.NewGuid():N}"[..32] + "@bench.local").ToList();
        foreach (var email in extraReviewers)
        {
            await admin.CreateUserAsync(email, password, "reviewer");
        }

        await Demo.WaitForIdentityOutboxAsync(admin);
        var reviewers = new List<GatewayUser> { await Demo.SignInAsync(gateway, "reviewer") };
        foreach (var email in extraReviewers)
        {
            reviewers.Add(await GatewayUser.SignInAsync(gateway, email, password));
        }

        // Polling the totals is cheap; reading every alert while they arrive would compete for the
        // same two cores as the consumers being measured.
        var baselines = new List<long>();
        foreach (var reviewer in reviewers)
        {
            baselines.Add(await reviewer.DealAlertTotalAsync());
        }

        Console.WriteLine($"creating {submissions} deals as the analyst");
        var deals = new string[submissions];
        await Parallel.ForAsync(0, submissions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            deals[i] = await analyst.CreateDealAsync($"Fault bench deal {i} {Guid.NewGuid():N}"[..40]));

        Console.WriteLine($"submitting {submissions} deals at {perSecond}/s (faults are injected by the driving script)");
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, submissions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            // Paced, so the faults land in the middle of the stream of submissions, not after it.
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, CancellationToken.None);
            }

            await analyst.SubmitAsync(deals[i]);
            var now = Interlocked.Increment(ref done);
            if (now % 50 == 0)
            {
                await File.WriteAllTextAsync(progressFile, now.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
            }
        });
        var submitted = clock.Elapsed;
        await File.WriteAllTextAsync(progressFile, submissions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Console.WriteLine($"all {submissions} submissions answered in {submitted.TotalSeconds:F1} s; waiting for the alerts to drain");

        var ids = deals.ToHashSet();
        var drained = Stopwatch.StartNew();
        while (drained.Elapsed < TimeSpan.FromMinutes(10))
        {
            var reached = true;
            for (var r = 0; r < reviewers.Count && reached; r++)
            {
                reached = await reviewers[r].DealAlertTotalAsync() >= baselines[r] + submissions;
            }

            if (reached)
            {
                break;
            }

            await Task.Delay(250);
        }

        var drainSeconds = drained.Elapsed.TotalSeconds;

        // The exact count, per deal and reviewer: lost = missing, duplicated = more than one.
        List<Dictionary<string, int>> counts = [];
        while (drained.Elapsed < TimeSpan.FromMinutes(10))
        {
            counts = [];
            foreach (var reviewer in reviewers)
            {
                counts.Add(await reviewer.DealAlertCountsAsync(ids));
            }

            if (counts.All(c => c.Count == submissions))
            {
                break;
            }

            await Task.Delay(1000);
        }

        var lost = counts.Sum(c => submissions - c.Count);
        var duplicated = counts.Sum(c => c.Values.Sum(n => n - 1));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            submissions,
            reviewers = reviewers.Count,
            expectedAlerts = submissions * reviewers.Count,
            receivedAlerts = counts.Sum(c => c.Values.Sum()),
            lost,
            duplicated,
            submitSeconds = Math.Round(submitted.TotalSeconds, 1),
            drainSecondsAfterLastSubmit = Math.Round(drainSeconds, 1),
        }));
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }
}

/// <summary>From the HTTP response of submit to the alert on the reviewer's SSE stream, one submission at a time.</summary>
internal static class LatencyRun
{
    public static async Task<int> RunAsync(IReadOnlyList<Uri> gateway, int submissions)
    {
        var analyst = await Demo.SignInAsync(gateway, "analyst");
        var reviewer = await Demo.SignInAsync(gateway, "reviewer");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var stream = await reviewer.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        stream.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        // Warm-up: JIT, connection pools, plans.
        for (var i = 0; i < 20; i++)
        {
            await OneAsync(analyst, reader);
        }

        var samples = new List<double>(submissions);
        for (var i = 0; i < submissions; i++)
        {
            samples.Add(await OneAsync(analyst, reader));
        }

        samples.Sort();
        double Percentile(double p) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p * samples.Count) - 1)];
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            submissions,
            p50Ms = Math.Round(Percentile(0.50), 2),
            p90Ms = Math.Round(Percentile(0.90), 2),
            p99Ms = Math.Round(Percentile(0.99), 2),
            maxMs = Math.Round(samples[^1], 2),
            meanMs = Math.Round(samples.Average(), 2),
        }));
        return 0;
    }

    private static async Task<double> OneAsync(GatewayUser analyst, StreamReader reader)
    {
        var dealId = await analyst.CreateDealAsync($"Latency bench {Guid.NewGuid():N}"[..30]);
        await analyst.SubmitAsync(dealId);
        var answered = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(dealId, StringComparison.Ordinal))
            {
                return Stopwatch.GetElapsedTime(answered).TotalMilliseconds;
            }
        }

        throw new InvalidOperationException("stream ended");
    }
}

/// <summary>Events per second the running deals service's relay publishes with confirms, from a backlog of rows.</summary>
internal static class OutboxRun
{
    public static async Task<int> RunAsync(string connectionString, int rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var batch = Guid.NewGuid();
        // DealCreated rows, each about its own aggregate, so batches are full; nobody consumes DealCreated yet.
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO deals.outbox_messages (id, sequence, aggregate_id, message_type, payload, occurred_at, created_at, attempts)
            SELECT e.id, nextval('deals.outbox_messages_sequence'), gen_random_uuid(), 'Platform.Contracts.Deals.DealCreated',
                   jsonb_build_object('eventId', e.id, 'occurredAt', now(), 'dealId', gen_random_uuid(), 'name', 'outbox bench ' || @batch,
                                      'ownerId', gen_random_uuid(), 'targetTicker', null, 'acquirerTicker', null),
                   now(), now(), 0
            FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, @rows)) e
            """, connection))
        {
            insert.Parameters.AddWithValue("batch", batch.ToString());
            insert.Parameters.AddWithValue("rows", rows);
            await insert.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var pending = new NpgsqlCommand(
                "SELECT count(*) FROM deals.outbox_messages WHERE published_at IS NULL AND payload->>'name' = 'outbox bench ' || @batch", connection);
            pending.Parameters.AddWithValue("batch", batch.ToString());
            if ((long)(await pending.ExecuteScalarAsync())! == 0)
            {
                break;
            }

            await Task.Delay(200);
        }

        await using var span = new NpgsqlCommand(
            "SELECT count(*), extract(epoch FROM max(published_at) - min(published_at)) FROM deals.outbox_messages WHERE payload->>'name' = 'outbox bench ' || @batch",
            connection);
        span.Parameters.AddWithValue("batch", batch.ToString());
        await using var reader = await span.ExecuteReaderAsync();
        await reader.ReadAsync();
        var count = reader.GetInt64(0);
        var seconds = reader.GetDouble(1);
        Console.WriteLine(JsonSerializer.Serialize(new { rows = count, publishSeconds = Math.Round(seconds, 2), eventsPerSecond = Math.Round(count / seconds) }));
        return 0;
    }
}
