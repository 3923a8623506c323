using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Jobs;

/// <summary>
/// Enqueues scheduled jobs, in every replica. A due schedule row is locked with
/// <c>FOR UPDATE SKIP LOCKED</c> and moved to its next occurrence in the same transaction as the
/// job row is written, so one occurrence becomes one job however many replicas look at once.
/// Occurrences missed while the service was down collapse into one run, for the latest of them.
/// </summary>
internal sealed class JobScheduler<TDb>(
    IServiceScopeFactory scopes, JobRegistry registry, IOptions<JobsOptions> options, TimeProvider clock, ILogger<JobScheduler<TDb>> logger)
    : BackgroundService
    where TDb : DbContext
{
    public const string RequestedBy = "scheduler";

    // Bounds the catch-up walk over missed occurrences (a per-second cron after a week's outage).
    private const int MaxMissedOccurrences = 100_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (registry.Definitions.Count == 0)
        {
            return;
        }

        var seeded = false;
        using var timer = new PeriodicTimer(options.Value.ScheduleInterval, clock);
        do
        {
            try
            {
                if (!seeded)
                {
                    await SeedAsync(stoppingToken);
                    seeded = true;
                }

                await EnqueueDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Job scheduler pass failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Writes the service's default schedules that have no row yet; rows admins edited stay as they are.</summary>
    internal async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var table = JobsModel.TableOf<JobSchedule>(db);
        var now = clock.GetUtcNow();
        foreach (var schedule in registry.Schedules)
        {
            var next = schedule.Enabled ? CronSchedule.NextAfter(schedule.Cron, schedule.TimeZoneId, now) : null;
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"""
                INSERT INTO {table} (job_type, cron, time_zone_id, enabled, parameters, next_run_at, updated_at, updated_by)
                VALUES (@job_type, @cron, @time_zone_id, @enabled, @parameters, @next_run_at, @now, 'service default')
                ON CONFLICT (job_type) DO NOTHING
                """,
                [
                    new NpgsqlParameter("job_type", schedule.JobType),
                    new NpgsqlParameter("cron", schedule.Cron),
                    new NpgsqlParameter("time_zone_id", schedule.TimeZoneId),
                    new NpgsqlParameter("enabled", schedule.Enabled),
                    new NpgsqlParameter("parameters", NpgsqlDbType.Jsonb) { Value = schedule.Parameters },
                    new NpgsqlParameter("next_run_at", NpgsqlDbType.TimestampTz) { Value = next is { } at ? at : DBNull.Value },
                    new NpgsqlParameter("now", now),
                ],
                cancellationToken);
#pragma warning restore EF1002
        }
    }

    /// <summary>Enqueues one job per due schedule and moves each to its next occurrence. Returns how many jobs it enqueued.</summary>
    internal async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
#pragma warning disable EF1002
        var due = await db.Set<JobSchedule>()
            .FromSqlRaw(
                $"""
                SELECT * FROM {JobsModel.TableOf<JobSchedule>(db)}
                WHERE enabled AND next_run_at <= @now AND job_type = ANY(@types)
                ORDER BY next_run_at
                LIMIT 20
                FOR UPDATE SKIP LOCKED
                """,
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = registry.Types })
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        var enqueued = 0;
        foreach (var schedule in due)
        {
            var occurrence = schedule.NextRunAt!.Value;
            var next = CronSchedule.NextAfter(schedule.Cron, schedule.TimeZoneId, occurrence);
            for (var missed = 0; next <= now && missed < MaxMissedOccurrences; missed++)
            {
                occurrence = next.Value;
                next = CronSchedule.NextAfter(schedule.Cron, schedule.TimeZoneId, occurrence);
            }

            if (next <= now)
            {
                next = CronSchedule.NextAfter(schedule.Cron, schedule.TimeZoneId, now);
            }

            var businessDate = CronSchedule.BusinessDateOf(occurrence, schedule.TimeZoneId);
            var result = await JobStore.InsertAsync(db, registry.Find(schedule.JobType)!, schedule.Parameters, businessDate, RequestedBy, now, cancellationToken);
            if (result.IsSuccess)
            {
                enqueued++;
                schedule.LastJobId = result.Value;
                logger.LogInformation("Scheduled {Type} for {BusinessDate} enqueued as job {JobId}", schedule.JobType, businessDate, result.Value);
            }
            else
            {
                logger.LogWarning("Scheduled {Type} for {BusinessDate} skipped: {Reason}", schedule.JobType, businessDate, result.Error!.Message);
            }

            schedule.LastRunAt = occurrence;
            schedule.NextRunAt = next;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return enqueued;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
