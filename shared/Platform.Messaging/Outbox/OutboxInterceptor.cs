using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.SharedKernel;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Rides in every SaveChanges of the service's DbContext: the domain events its aggregates raised
/// become outbox rows in the same transaction. Once that transaction commits, the relay is woken so
/// the events leave within milliseconds instead of at the next poll.
/// </summary>
internal sealed class OutboxInterceptor(IntegrationEventMap events, OutboxSignal signal, TimeProvider clock) : SaveChangesInterceptor
{
    // Contexts whose open transaction holds outbox rows: the relay is woken when it commits.
    private static readonly ConditionalWeakTable<DbContext, object> PendingCommit = new();
    // Contexts in the middle of a SaveChanges that inserts outbox rows.
    private static readonly ConditionalWeakTable<DbContext, object> Inserting = new();
    private static readonly object Marker = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Collect(eventData.Context) is { Count: > 0 } rows)
        {
            Number(rows, await NextSequencesAsync(eventData.Context!, rows.Count, cancellationToken));
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Collect(eventData.Context) is { Count: > 0 } rows)
        {
            Number(rows, NextSequencesAsync(eventData.Context!, rows.Count, CancellationToken.None).GetAwaiter().GetResult());
        }

        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    internal static void Committed(DbContext? context, OutboxSignal signal)
    {
        if (context is not null && PendingCommit.Remove(context))
        {
            signal.Ring();
        }
    }

    /// <summary>Turns raised domain events into outbox rows; returns the rows this save inserts, in the order they were added.</summary>
    private List<OutboxMessage>? Collect(DbContext? context)
    {
        if (context is null)
        {
            return null;
        }

        // SaveChanges detects changes itself right after this; nothing read here depends on it
        // (domain events are lists on the entities, outbox rows are tracked when added), so
        // scanning the tracker must not pay for a detection pass of its own, twice per save.
        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var aggregate in tracker.Entries<IHasDomainEvents>().Select(e => e.Entity).ToList())
            {
                foreach (var domainEvent in aggregate.DomainEvents)
                {
                    if (events.Map(aggregate, domainEvent) is { } integrationEvent)
                    {
                        context.Set<OutboxMessage>().Add(OutboxWriter.Row(integrationEvent, aggregate.Id));
                    }
                }

                aggregate.ClearDomainEvents();
            }

            var rows = tracker.Entries<OutboxMessage>()
                .Where(e => e.State == EntityState.Added && e.Entity.Sequence == 0)
                .Select(e => e.Entity)
                .OrderBy(row => row.CreatedOrder)
                .ToList();
            if (rows.Count > 0)
            {
                var now = clock.GetUtcNow();
                foreach (var row in rows)
                {
                    row.CreatedAt = now;
                }

                Inserting.AddOrUpdate(context, Marker);
            }

            return rows;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static void Number(List<OutboxMessage> rows, List<long> sequences)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Sequence = sequences[i];
        }
    }

    private static async Task<List<long>> NextSequencesAsync(DbContext context, int count, CancellationToken cancellationToken)
    {
        var schema = context.Model.GetDefaultSchema();
        var sequence = schema is null ? $"\"{OutboxMessage.SequenceName}\"" : $"\"{schema}\".\"{OutboxMessage.SequenceName}\"";
        // The sequence name comes from the model; the count is a parameter.
#pragma warning disable EF1002
        return await context.Database
            .SqlQueryRaw<long>($"SELECT nextval('{sequence}') AS \"Value\" FROM generate_series(1, {{0}}) ORDER BY 1", count)
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    private void AfterSave(DbContext? context)
    {
        if (context is null || !Inserting.Remove(context))
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            signal.Ring();
        }
        else
        {
            PendingCommit.AddOrUpdate(context, Marker);
        }
    }
}

/// <summary>Wakes the relay when a transaction that wrote outbox rows commits.</summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        OutboxInterceptor.Committed(eventData.Context, signal);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        OutboxInterceptor.Committed(eventData.Context, signal);
}
