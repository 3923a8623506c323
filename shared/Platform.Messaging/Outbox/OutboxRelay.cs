using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Messaging.Inbox;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the broker with publisher confirms and marks them published.
/// Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so any number of replicas can relay one
/// outbox; a row is only claimable when no earlier row of its aggregate is pending, so events about
/// one aggregate leave in commit order. A crash after publishing but before marking rolls the claim
/// back and the rows are published again: consumers' inboxes absorb that duplicate.
/// </summary>
internal sealed class OutboxRelay<TDb>(
    IServiceScopeFactory scopes, IBusControl bus, OutboxSignal signal, IOptions<OutboxOptions> options, TimeProvider clock, MessagingMetrics metrics,
    ILogger<OutboxRelay<TDb>> logger)
    : BackgroundService
    where TDb : DbContext
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private static readonly ConcurrentDictionary<string, Type?> Types = new(StringComparer.Ordinal);

    /// <summary>Fault injection for tests: runs after the batch is published and before it is marked.</summary>
    internal Func<IReadOnlyList<OutboxMessage>, Task>? AfterPublish { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPurge = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(stoppingToken) > 0)
                {
                    // Keep draining while there is work; the signal only matters once the outbox is empty.
                }

                if (clock.GetUtcNow() >= nextPurge)
                {
                    await PurgeAsync(stoppingToken);
                    nextPurge = clock.GetUtcNow() + PurgeInterval;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Typically the database is down; rows stay pending and the next pass retries.
                logger.LogWarning(exception, "Outbox relay pass failed");
            }

            await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    /// <summary>Claims, publishes and marks one batch. Returns how many rows it claimed.</summary>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        if (bus.CheckHealth().Status == BusHealthStatus.Unhealthy)
        {
            // The broker is away: publishing would only fail and push every row's next attempt back,
            // which would delay recovery. Rows wait untouched; the next poll looks again.
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var table = MessagingModel.TableOf<OutboxMessage>(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The table name comes from the EF model and the limit from validated options: nothing user-supplied.
        // "First pending row of its aggregate" is a correlated min() on purpose: it runs as a per-row
        // lookup in (aggregate_id, sequence), whatever the statistics say. The NOT EXISTS form it
        // replaced was planned as a nested-loop anti join over all pending rows when the statistics
        // saw an empty outbox: 426 ms per claim with 20,000 pending instead of 0.45 ms (docs/benchmarks.md).
#pragma warning disable EF1002
        var rows = await db.Set<OutboxMessage>()
            .FromSqlRaw(
                $"""
                SELECT o.* FROM {table} o
                WHERE o.published_at IS NULL
                  AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
                  AND o.sequence = (
                      SELECT min(earlier.sequence) FROM {table} earlier
                      WHERE earlier.aggregate_id = o.aggregate_id AND earlier.published_at IS NULL)
                ORDER BY o.sequence
                LIMIT {options.Value.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        if (rows.Count == 0)
        {
            return 0;
        }

        // One row per aggregate at most (the min() above), so the whole batch can go out at once.
        var failures = await Task.WhenAll(rows.Select(row => PublishAsync(row, cancellationToken)));
        if (AfterPublish is { } afterPublish)
        {
            await afterPublish(rows);
        }

        var now = clock.GetUtcNow();
        var published = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            row.Attempts++;
            row.LastAttemptAt = now;
            if (failures[i] is null)
            {
                row.PublishedAt = now;
                row.LastError = null;
                published++;
            }
            else
            {
                row.LastError = Truncate($"{failures[i]!.GetType().Name}: {failures[i]!.Message}", 2000);
                row.NextAttemptAt = now + Backoff(row.Attempts);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Counted once the marks are committed: a batch rolled back here is published again and counted then.
        foreach (var row in rows)
        {
            if (row.PublishedAt is { } publishedAt)
            {
                metrics.Published(row.MessageType, publishedAt - row.CreatedAt);
            }
            else
            {
                metrics.PublishFailed(row.MessageType);
            }
        }

        if (published < rows.Count)
        {
            logger.LogWarning(
                "Outbox: {Failed} of {Claimed} events could not be published and will be retried; first error: {Error}",
                rows.Count - published, rows.Count, rows.First(r => r.PublishedAt is null).LastError);
        }

        return rows.Count;
    }

    private async Task<Exception?> PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        try
        {
            var type = ResolveType(row.MessageType)
                ?? throw new InvalidOperationException($"Unknown message type '{row.MessageType}'.");
            var message = JsonSerializer.Deserialize(row.Payload, type, OutboxWriter.Json)
                ?? throw new InvalidOperationException("The payload is empty.");

            // Publish under the trace of the request that wrote the row: broker and consumer join it.
            using var activity = StartActivity(row);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.PublishTimeout);
            // WaitAsync as well as the token: a publish whose connection died while it waited for the
            // confirm does not always observe cancellation, and a hung publish would hold this batch's
            // row locks (and the relay) until the process restarts. If it completes after all, the row
            // is published again later and the consumers' inboxes absorb the duplicate.
            await bus.Publish(message, type, context =>
                {
                    context.MessageId = row.Id;
                    context.Durable = true;
                }, timeout.Token)
                .WaitAsync(options.Value.PublishTimeout, cancellationToken);
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return exception;
        }
    }

    private static Activity? StartActivity(OutboxMessage row)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        var name = $"outbox publish {row.MessageType[(row.MessageType.LastIndexOf('.') + 1)..]}";
        var activity = MessagingTracing.Source.StartActivity(name, ActivityKind.Producer, parent);
        if (activity is null && row.TraceParent is not null)
        {
            // Nobody listens to our source, but MassTransit's may: give its send activity the stored parent.
            activity = new Activity(name).SetParentId(row.TraceParent).Start();
        }

        activity?.SetTag("messaging.message.id", row.Id);
        return activity;
    }

    internal async Task PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        var outbox = await db.Set<OutboxMessage>().Where(m => m.PublishedAt != null && m.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var inbox = await db.Set<InboxMessage>().Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (outbox + inbox > 0)
        {
            logger.LogInformation("Purged {Outbox} published outbox rows and {Inbox} inbox rows older than {Cutoff}", outbox, inbox, cutoff);
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(options.Value.MaxBackoff.TotalSeconds, 0.5 * Math.Pow(2, Math.Min(attempts - 1, 20)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    // Contracts live in Platform.Contracts; tests may define their own in loaded assemblies.
    private static Type? ResolveType(string name) => Types.GetOrAdd(name, static name =>
        typeof(IIntegrationEvent).Assembly.GetType(name)
        ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
