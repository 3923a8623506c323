using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.SharedKernel;

namespace Platform.Jobs;

/// <summary>Writes queued job rows for both ways in: a caller's enqueue and the scheduler.</summary>
internal static class JobStore
{
    /// <summary>
    /// Inserts a queued job on <paramref name="db"/>'s connection, in its current transaction if any,
    /// and queues a NOTIFY that PostgreSQL delivers to every replica's listener when that commits.
    /// <c>ON CONFLICT DO NOTHING</c> rather than catching the unique violation: a violation would
    /// abort the caller's transaction, and the caller may want to carry on after a refusal.
    /// </summary>
    public static async Task<Result<Guid>> InsertAsync(
        DbContext db, JobDefinition definition, string parametersJson, DateOnly? businessDate, string requestedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = JobsModel.TableOf<Job>(db);
        var id = Guid.CreateVersion7(now);
        // Table names come from the EF model; every value is a parameter.
#pragma warning disable EF1002
        var inserted = await db.Database.SqlQueryRaw<Guid>(
                $"""
                INSERT INTO {table} (id, type, business_date, status, parameters, requested_by, created_at, items_done, item_errors, item_error_count, timeout, attempts)
                VALUES (@id, @type, @business_date, 'queued', @parameters, @requested_by, @now, 0, '[]'::jsonb, 0, @timeout, 0)
                ON CONFLICT (type, business_date) WHERE status IN ('queued', 'running') DO NOTHING
                RETURNING id AS "Value"
                """,
                new NpgsqlParameter("id", id),
                new NpgsqlParameter("type", definition.Type),
                new NpgsqlParameter("business_date", NpgsqlDbType.Date) { Value = businessDate is { } date ? date : DBNull.Value },
                new NpgsqlParameter("parameters", NpgsqlDbType.Jsonb) { Value = parametersJson },
                new NpgsqlParameter("requested_by", JobProgress.Truncate(requestedBy, Job.RequestedByMaxLength)),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("timeout", definition.Timeout))
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        if (inserted.Count == 0)
        {
            var pending = await db.Set<Job>().AsNoTracking()
                .Where(j => j.Type == definition.Type && j.BusinessDate == businessDate && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
                .Select(j => j.Id)
                .FirstOrDefaultAsync(cancellationToken);
            return JobErrors.AlreadyPending(definition.Type, businessDate, pending);
        }

        await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [JobsModel.ChannelOf(db), id.ToString()], cancellationToken);
        return id;
    }
}
