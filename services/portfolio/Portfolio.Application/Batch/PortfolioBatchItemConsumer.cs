using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Jobs;
using Portfolio.Application.Persistence;
using Portfolio.Application.Risk;
using Portfolio.Application.Snapshots;
using Platform.SharedKernel;

namespace Portfolio.Application.Batch;

/// <summary>
/// Processes one portfolio of a fanned-out batch, exactly once per type, business date and portfolio: under a
/// transaction-scoped advisory lock on that key, an item already done is acknowledged without a second effect
/// (a redelivery, or the message of a run that was re-queued); otherwise the results and the item row commit
/// together. Messages of a run no longer running are dropped. A failure is recorded on the item (the run reports it and goes on; the next run retries it), not
/// retried by the broker: a batch must end, and its timeout is the backstop.
/// </summary>
public sealed class PortfolioBatchItemConsumer(
    PortfolioDb db, RiskCalculator calculator, SnapshotWriter snapshots, RunHistory histories, BatchWorker worker, TimeProvider clock, ILogger<PortfolioBatchItemConsumer> logger)
    : IConsumer<PortfolioBatchItem>
{
    public async Task Consume(ConsumeContext<PortfolioBatchItem> context)
    {
        var item = context.Message;
        var cancellationToken = context.CancellationToken;
        try
        {
            await ProcessAsync(item, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "{JobType} of portfolio {PortfolioId} for {BusinessDate} failed", item.JobType, item.PortfolioId, item.BusinessDate);
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await LockAsync(item, cancellationToken) is not { Status: BatchItemRow.Done or BatchItemRow.Skipped })
            {
                await RecordAsync(item, BatchItemRow.Failed, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task ProcessAsync(PortfolioBatchItem item, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LockAsync(item, cancellationToken) is { Status: BatchItemRow.Done or BatchItemRow.Skipped })
        {
            return;
        }

        // A message of a run that has ended (cancelled, timed out, failed) or was handed back (re-queued, which
        // sends again what is left) is dropped: nobody waits for it, and the next run does the portfolio.
        if (!await db.Set<Job>().AnyAsync(j => j.Id == item.JobId && j.Status == JobStatus.Running, cancellationToken))
        {
            return;
        }

        var portfolio = await db.Portfolios.AsNoTracking().SingleOrDefaultAsync(p => p.Id == item.PortfolioId, cancellationToken);
        Error? error = null;
        if (portfolio is null)
        {
            error = Error.NotFound("portfolio.not_found", "The portfolio was deleted.");
        }
        else if (item.JobType == BatchJobs.RiskMetrics)
        {
            var history = await histories.ForRunAsync(db, item.JobId, cancellationToken);
            var calculated = await calculator.CalculateAsync(portfolio, $"batch:{item.JobId}", cancellationToken, history);
            error = calculated.IsSuccess ? null : calculated.Error;
        }
        else if (item.JobType == BatchJobs.Snapshots)
        {
            await snapshots.WriteAsync(portfolio, item.BusinessDate, item.JobId, cancellationToken);
        }
        else
        {
            throw new InvalidOperationException($"'{item.JobType}' is not a per-portfolio batch.");
        }

        await RecordAsync(item, error is null ? BatchItemRow.Done : BatchItemRow.Skipped, error?.Message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Serialises the item's processing across replicas, then reads how far it got.</summary>
    private async Task<BatchItemRow?> LockAsync(PortfolioBatchItem item, CancellationToken cancellationToken)
    {
        var key = $"batch:{item.JobType}:{item.BusinessDate:yyyy-MM-dd}:{item.PortfolioId}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        return await db.Set<BatchItemRow>().SingleOrDefaultAsync(
            i => i.JobType == item.JobType && i.BusinessDate == item.BusinessDate && i.PortfolioId == item.PortfolioId, cancellationToken);
    }

    private async Task RecordAsync(PortfolioBatchItem item, string status, string? error, CancellationToken cancellationToken)
    {
        var row = db.Set<BatchItemRow>().Local.SingleOrDefault(i => i.JobType == item.JobType && i.BusinessDate == item.BusinessDate && i.PortfolioId == item.PortfolioId);
        if (row is null)
        {
            row = new BatchItemRow { JobType = item.JobType, BusinessDate = item.BusinessDate, PortfolioId = item.PortfolioId };
            db.Set<BatchItemRow>().Add(row);
        }

        (row.Status, row.JobId, row.Worker, row.Error, row.FinishedAt) = (status, item.JobId, worker.Name, error?[..Math.Min(error.Length, 2000)], clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>This replica's name on the items it processes: host, process and a per-host id (two hosts in one test process differ).</summary>
public sealed class BatchWorker
{
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
