using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Jobs;
using Platform.Messaging.Outbox;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Batch;

/// <summary>
/// A per-portfolio batch fanned out over the broker: one <see cref="PortfolioBatchItem"/> per portfolio not yet
/// finished for the business date goes to the outbox (one transaction), every replica's consumer takes them
/// from one queue, and this handler waits for their <see cref="BatchItemRow"/>s, reporting the count of finished
/// portfolios as progress. A re-queued or re-run job sends only what is not done for the date; with
/// <see cref="PortfolioBatchParams.Recompute"/> it forgets what earlier runs did and sends everything again.
/// </summary>
internal abstract class PortfolioFanOut(PortfolioDb db, TimeProvider clock, IOptions<BatchOptions> options, ILogger logger) : IJobHandler<PortfolioBatchParams>
{
    /// <summary>The portfolios this batch covers.</summary>
    protected abstract IQueryable<Guid> Portfolios(PortfolioDb db);

    public async Task RunAsync(JobContext<PortfolioBatchParams> job, CancellationToken cancellationToken)
    {
        var date = job.BusinessDate ?? BatchJobs.Today(clock);
        var items = db.Set<BatchItemRow>().Where(i => i.JobType == job.Type && i.BusinessDate == date);
        if (job.Parameters.Recompute)
        {
            // This run's own items stay: a re-queued recompute resumes too.
            await items.Where(i => i.JobId != job.JobId).ExecuteDeleteAsync(cancellationToken);
        }

        var portfolios = await Portfolios(db).ToListAsync(cancellationToken);
        var finished = await items.Where(i => i.Status != BatchItemRow.Failed).Select(i => i.PortfolioId).ToListAsync(cancellationToken);
        var pending = portfolios.Except(finished).ToList();
        job.Progress.SetTotal(portfolios.Count);
        var now = clock.GetUtcNow();
        foreach (var chunk in pending.Chunk(options.Value.OutboxChunk))
        {
            foreach (var portfolioId in chunk)
            {
                db.AddIntegrationEvent(new PortfolioBatchItem(Guid.CreateVersion7(now), now, job.JobId, job.Type, date, portfolioId), portfolioId);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        logger.LogInformation("{JobType} {JobId} for {BusinessDate}: {Total} portfolio(s), {Pending} sent, {Done} already done",
            job.Type, job.JobId, date, portfolios.Count, pending.Count, portfolios.Count - pending.Count);
        await WaitAsync(job, date, portfolios.ToArray(), cancellationToken);
    }

    /// <summary>Counts finished items until every portfolio has one: done or skipped for the date, or failed in this run.</summary>
    private async Task WaitAsync(JobContext<PortfolioBatchParams> job, DateOnly date, Guid[] portfolios, CancellationToken cancellationToken)
    {
        var (reported, failuresReported) = (0, new HashSet<Guid>());
        while (true)
        {
            var rows = await db.Set<BatchItemRow>().AsNoTracking()
                .Where(i => i.JobType == job.Type && i.BusinessDate == date && portfolios.Contains(i.PortfolioId)
                    && (i.Status != BatchItemRow.Failed || i.JobId == job.JobId))
                .Select(i => new { i.PortfolioId, i.Status, i.Error })
                .ToListAsync(cancellationToken);
            foreach (var failed in rows.Where(r => r.Status == BatchItemRow.Failed && failuresReported.Add(r.PortfolioId)))
            {
                job.Progress.ItemFailed(failed.PortfolioId.ToString(), failed.Error ?? "failed");
            }

            job.Progress.Advance(rows.Count - reported);
            reported = rows.Count;
            if (reported >= portfolios.Length)
            {
                return;
            }

            await Task.Delay(options.Value.ProgressPoll, clock, cancellationToken);
        }
    }
}

/// <summary><c>risk-metrics</c>: a recorded risk calculation (limits checked, events published) of every portfolio with positions.</summary>
internal sealed class RiskMetricsJob(PortfolioDb db, TimeProvider clock, IOptions<BatchOptions> options, ILogger<RiskMetricsJob> logger)
    : PortfolioFanOut(db, clock, options, logger)
{
    protected override IQueryable<Guid> Portfolios(PortfolioDb db) =>
        db.Portfolios.AsNoTracking().Where(p => db.Positions.Any(x => x.PortfolioId == p.Id)).OrderBy(p => p.Id).Select(p => p.Id);
}

/// <summary><c>snapshots</c>: the day's snapshot of every portfolio (an empty one too, so charts have no gaps).</summary>
internal sealed class SnapshotsJob(PortfolioDb db, TimeProvider clock, IOptions<BatchOptions> options, ILogger<SnapshotsJob> logger)
    : PortfolioFanOut(db, clock, options, logger)
{
    protected override IQueryable<Guid> Portfolios(PortfolioDb db) => db.Portfolios.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id);
}
