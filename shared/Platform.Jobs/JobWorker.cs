using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Jobs;
using Platform.Messaging.Outbox;

namespace Platform.Jobs;

/// <summary>
/// Runs queued jobs, in every replica. A job is claimed with <c>FOR UPDATE SKIP LOCKED</c> and
/// marked running under a lease in one statement, so two replicas never start the same job; the
/// lease is renewed with each progress write. A job whose lease expired (its process died) is
/// re-queued, or failed once it has been started <see cref="JobsOptions.MaxAttempts"/> times, so a
/// job that kills its process every time cannot loop forever. Re-queuing is safe because handlers
/// replace their results (see <see cref="IJobHandler{TParams}"/>).
/// </summary>
internal sealed class JobWorker<TDb>(
    IServiceScopeFactory scopes, JobRegistry registry, JobSignal signal, IOptions<JobsOptions> options, TimeProvider clock, ILogger<JobWorker<TDb>> logger)
    : BackgroundService
    where TDb : DbContext
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    /// <summary>Who holds a running job's lease: unique per process start.</summary>
    internal string WorkerId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (registry.Definitions.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RecoverExpiredAsync(stoppingToken);
                while (_running.Count < options.Value.MaxConcurrentJobs && await ClaimAsync(stoppingToken) is { } job)
                {
                    var run = Task.Run(() => RunAsync(job, stoppingToken), CancellationToken.None);
                    _running[job.Id] = run;
                    if (run.IsCompleted)
                    {
                        // It ended (and removed itself) before it was added: do not count it as running.
                        _running.TryRemove(job.Id, out _);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Typically the database is down; queued jobs wait and the next pass retries.
                logger.LogWarning(exception, "Job worker pass failed");
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Running jobs see the stopping token and put themselves back in the queue for another replica.
        await Task.WhenAll(_running.Values);
    }

    /// <summary>Takes the oldest queued job of a type this replica runs, or null if there is none.</summary>
    internal async Task<Job?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var table = JobsModel.TableOf<Job>(db);
        var now = clock.GetUtcNow();
        // A fresh start: progress of an earlier, abandoned attempt would only mislead.
#pragma warning disable EF1002
        var claimed = await db.Set<Job>().FromSqlRaw(
                $"""
                UPDATE {table} SET status = 'running', started_at = @now, finished_at = NULL, attempts = attempts + 1,
                    lease_owner = @owner, lease_expires_at = @lease_expires_at,
                    items_done = 0, items_total = NULL, item_errors = '[]'::jsonb, item_error_count = 0
                WHERE id = (
                    SELECT id FROM {table}
                    WHERE status = 'queued' AND type = ANY(@types)
                    ORDER BY created_at
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """,
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("owner", WorkerId),
                new NpgsqlParameter("lease_expires_at", now + options.Value.LeaseDuration),
                new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = registry.Types })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return claimed.SingleOrDefault();
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        var definition = registry.Find(job.Type)!;
        var progress = new JobProgress(options.Value.MaxItemErrors);
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(job.Timeout, clock);
        using var leaseLost = new CancellationTokenSource();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token, leaseLost.Token);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(job.Id, progress, leaseLost, stopHeartbeat.Token);

        JobStatus outcome;
        string? error = null;
        try
        {
            logger.LogInformation("Job {JobId} ({Type}, business date {BusinessDate}) started, attempt {Attempt}", job.Id, job.Type, job.BusinessDate, job.Attempts);
            await using var scope = scopes.CreateAsyncScope();
            // WaitAsync as well as the token: a handler that ignores cancellation is abandoned at its
            // timeout rather than holding a slot (and the business date) for ever.
            await definition.RunAsync(scope.ServiceProvider, job, progress, run.Token).WaitAsync(run.Token);
            outcome = JobStatus.Succeeded;
        }
        catch (Exception) when (leaseLost.IsCancellationRequested)
        {
            outcome = JobStatus.Running;
        }
        catch (Exception) when (timeout.IsCancellationRequested)
        {
            outcome = JobStatus.TimedOut;
            error = $"Timed out after {job.Timeout}.";
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            outcome = JobStatus.Queued;
        }
        catch (Exception exception)
        {
            outcome = JobStatus.Failed;
            error = $"{exception.GetType().Name}: {exception.Message}";
            logger.LogWarning(exception, "Job {JobId} ({Type}) failed", job.Id, job.Type);
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }

        try
        {
            if (outcome == JobStatus.Running)
            {
                logger.LogWarning("Job {JobId} ({Type}) is no longer this worker's (cancelled, or recovered after a missed lease); this run's outcome is dropped", job.Id, job.Type);
            }
            else if (await FinishAsync(job.Id, outcome, error, progress) && outcome != JobStatus.Queued)
            {
                JobMetrics.Record(job.Type, outcome, Stopwatch.GetElapsedTime(started));
                logger.LogInformation("Job {JobId} ({Type}) ended {Outcome}", job.Id, job.Type, outcome);
            }
        }
        catch (Exception exception)
        {
            // The lease runs out and recovery settles the job.
            logger.LogError(exception, "Could not record the outcome {Outcome} of job {JobId}", outcome, job.Id);
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
            signal.Ring();
        }
    }

    /// <summary>Writes progress and renews the lease; cancels the run when the lease turns out to be someone else's.</summary>
    private async Task HeartbeatAsync(Guid jobId, JobProgress progress, CancellationTokenSource leaseLost, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProgressInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (!await RenewAsync(jobId, progress, cancellationToken))
                    {
                        await leaseLost.CancelAsync();
                        return;
                    }
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A missed renewal is harmless while the lease lasts; the next tick tries again.
                    logger.LogWarning(exception, "Could not renew the lease of job {JobId}", jobId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private async Task<bool> RenewAsync(Guid jobId, JobProgress progress, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var snapshot = progress.Read();
        var leaseExpiresAt = clock.GetUtcNow() + options.Value.LeaseDuration;
        return await db.Set<Job>()
            .Where(j => j.Id == jobId && j.Status == JobStatus.Running && j.LeaseOwner == WorkerId)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(j => j.LeaseExpiresAt, leaseExpiresAt)
                    .SetProperty(j => j.ItemsDone, snapshot.Done)
                    .SetProperty(j => j.ItemsTotal, snapshot.Total)
                    .SetProperty(j => j.ItemErrors, snapshot.Errors)
                    .SetProperty(j => j.ItemErrorCount, snapshot.ErrorCount),
                cancellationToken) == 1;
    }

    /// <summary>
    /// Records a run's outcome if this worker still holds the job; a failure and its
    /// <see cref="JobFailed"/> event are written in one transaction. Returns whether it was recorded.
    /// </summary>
    private async Task<bool> FinishAsync(Guid jobId, JobStatus outcome, string? error, JobProgress progress)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Waits for a recovery that holds the row, then sees whether the job is still ours.
        var job = (await LockAsync(db, "id = @id", skipLocked: false, new NpgsqlParameter("id", jobId))).SingleOrDefault();
        if (job is null || job.Status != JobStatus.Running || job.LeaseOwner != WorkerId)
        {
            return false;
        }

        progress.CopyTo(job);
        job.LeaseOwner = null;
        job.LeaseExpiresAt = null;
        if (outcome == JobStatus.Queued)
        {
            // Shutting down: another replica (or this one after its restart) runs it again from the start.
            job.Status = JobStatus.Queued;
            job.StartedAt = null;
            job.Attempts--;
        }
        else
        {
            End(db, job, outcome, error);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>Settles jobs whose worker stopped renewing its lease. Returns how many it settled.</summary>
    internal async Task<int> RecoverExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var expired = await LockAsync(
            db,
            "status = 'running' AND lease_expires_at < @now ORDER BY lease_expires_at LIMIT 20",
            skipLocked: true,
            new NpgsqlParameter("now", clock.GetUtcNow()));
        if (expired.Count == 0)
        {
            return 0;
        }

        foreach (var job in expired)
        {
            var previousOwner = job.LeaseOwner;
            job.LeaseOwner = null;
            job.LeaseExpiresAt = null;
            if (job.Attempts < options.Value.MaxAttempts)
            {
                job.Status = JobStatus.Queued;
                job.StartedAt = null;
                job.LastError = JobProgress.Truncate($"Attempt {job.Attempts} stopped: its worker ({previousOwner}) stopped renewing the lease. Re-queued.", Job.ErrorMaxLength);
                logger.LogWarning("Job {JobId} ({Type}) lost its worker {Worker}; re-queued", job.Id, job.Type, previousOwner);
            }
            else
            {
                End(db, job, JobStatus.Failed, $"Attempt {job.Attempts} of {options.Value.MaxAttempts} stopped: its worker ({previousOwner}) stopped renewing the lease. Given up.");
                JobMetrics.Record(job.Type, JobStatus.Failed, clock.GetUtcNow() - (job.StartedAt ?? job.CreatedAt));
                logger.LogError("Job {JobId} ({Type}) lost its worker {Attempts} times; failed", job.Id, job.Type, job.Attempts);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Ring();
        return expired.Count;
    }

    private void End(TDb db, Job job, JobStatus outcome, string? error)
    {
        var now = clock.GetUtcNow();
        job.Status = outcome;
        job.FinishedAt = now;
        // A success keeps the note of an earlier attempt that was recovered: the operator should see it ran twice.
        if (error is not null)
        {
            job.LastError = JobProgress.Truncate(error, Job.ErrorMaxLength);
        }

        if (outcome is JobStatus.Failed or JobStatus.TimedOut)
        {
            db.AddIntegrationEvent(
                new JobFailed(Guid.CreateVersion7(now), now, job.Id, registry.ServiceName, job.Type, job.BusinessDate, job.LastError ?? outcome.ToString()),
                job.Id);
        }
    }

    /// <summary>Job rows matching <paramref name="condition"/>, tracked and locked until the transaction ends.</summary>
    private static Task<List<Job>> LockAsync(TDb db, string condition, bool skipLocked, params NpgsqlParameter[] parameters)
    {
        // The condition is one of this class's constants; values are parameters.
        var skip = skipLocked ? " SKIP LOCKED" : string.Empty;
#pragma warning disable EF1002
        return db.Set<Job>().FromSqlRaw($"SELECT * FROM {JobsModel.TableOf<Job>(db)} WHERE {condition} FOR UPDATE{skip}", parameters).ToListAsync();
#pragma warning restore EF1002
    }
}
