using MediatR;
using Platform.Jobs;
using Platform.SharedKernel;

namespace Portfolio.Application.Batch;

/// <summary>
/// An admin starts one of the batch's jobs for a business date (today in New York by default): a job on the
/// shared runner, so it is followed, cancelled and alerted on like any other. 404 for a job that is not the
/// batch's; 409 <c>jobs.already_pending</c> (with the pending <c>jobId</c>) while one of that job and date runs.
/// </summary>
public sealed record StartBatchRun(string Job, DateOnly? BusinessDate, bool Recompute, int? KeepDays) : IRequest<Result<Guid>>;

public static class BatchErrors
{
    public static readonly Error UnknownJob = Error.NotFound("batch.unknown_job",
        $"No such batch job; the batch's jobs are {string.Join(", ", BatchJobs.All)}.");
    public static readonly Error RunNotFound = Error.NotFound("batch.run_not_found", "No batch run with this id.");
}

internal sealed class StartBatchRunHandler(IJobs jobs, ICurrentUser user, TimeProvider clock) : IRequestHandler<StartBatchRun, Result<Guid>>
{
    public Task<Result<Guid>> Handle(StartBatchRun request, CancellationToken cancellationToken)
    {
        var date = request.BusinessDate ?? BatchJobs.Today(clock);
        var by = user.Subject ?? "unknown";
        return request.Job switch
        {
            BatchJobs.MarketDataSync => jobs.EnqueueAsync(request.Job, new MarketDataSyncParams(), date, by, cancellationToken),
            BatchJobs.RiskMetrics or BatchJobs.Snapshots => jobs.EnqueueAsync(request.Job, new PortfolioBatchParams(request.Recompute), date, by, cancellationToken),
            BatchJobs.Retention when request.KeepDays is { } days && !RetentionParams.IsValid(days) =>
                Task.FromResult<Result<Guid>>(Error.Validation(new Dictionary<string, string[]> { ["keepDays"] = [RetentionParams.KeepDaysRule] })),
            BatchJobs.Retention => jobs.EnqueueAsync(request.Job, new RetentionParams(request.KeepDays ?? RetentionParams.Default), date, by, cancellationToken),
            _ => Task.FromResult<Result<Guid>>(BatchErrors.UnknownJob),
        };
    }
}
