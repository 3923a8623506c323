using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.ServiceDefaults.Application;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Batch;

/// <summary>Portfolios of a fanned-out run by outcome, for its date (what the job's itemsDone counts).</summary>
public sealed record BatchItemCounts(int Done, int Skipped, int Failed);

/// <summary>A batch run as admins follow it: the job runner's row, and for a per-portfolio job its items by outcome.</summary>
public sealed record BatchRunView(
    Guid Id, string Job, DateOnly? BusinessDate, JobStatus Status, string RequestedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int ItemsDone, int? ItemsTotal, int ItemErrorCount, IReadOnlyList<JobItemError> ItemErrors, int Attempts, string? LastError,
    BatchItemCounts? Items)
{
    internal static BatchRunView Of(Job job, BatchItemCounts? items) => new(
        job.Id, job.Type, job.BusinessDate, job.Status, job.RequestedBy, job.CreatedAt, job.StartedAt, job.FinishedAt,
        job.ItemsDone, job.ItemsTotal, job.ItemErrorCount, job.ItemErrors, job.Attempts, job.LastError, items);
}

/// <summary>The batch's runs, newest first, optionally of one job; paged like every list.</summary>
public sealed record ListBatchRuns(string? Job, int Page, int PageSize) : IRequest<Result<PagedList<BatchRunView>>>;

internal sealed class ListBatchRunsValidator : AbstractValidator<ListBatchRuns>
{
    public ListBatchRunsValidator()
    {
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
        RuleFor(r => r.Job!).SingleLineText().Must(j => BatchJobs.All.Contains(j))
            .WithMessage($"Must be one of {string.Join(", ", BatchJobs.All)}.").When(r => r.Job is not null);
    }
}

internal sealed class ListBatchRunsHandler(PortfolioDb db) : IRequestHandler<ListBatchRuns, Result<PagedList<BatchRunView>>>
{
    public async Task<Result<PagedList<BatchRunView>>> Handle(ListBatchRuns request, CancellationToken cancellationToken)
    {
        var types = request.Job is { } job ? [job] : BatchJobs.All.ToArray();
        var query = db.Set<Job>().AsNoTracking().Where(j => types.Contains(j.Type));
        return await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .ToPagedListAsync(request.Page, request.PageSize, j => BatchRunView.Of(j, null), cancellationToken);
    }
}

/// <summary>One batch run with its per-portfolio items counted; 404 for another job's id.</summary>
public sealed record GetBatchRun(Guid Id) : IRequest<Result<BatchRunView>>;

internal sealed class GetBatchRunHandler(PortfolioDb db) : IRequestHandler<GetBatchRun, Result<BatchRunView>>
{
    public async Task<Result<BatchRunView>> Handle(GetBatchRun request, CancellationToken cancellationToken)
    {
        var types = BatchJobs.All.ToArray();
        if (await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.Id && types.Contains(j.Type), cancellationToken) is not { } job)
        {
            return BatchErrors.RunNotFound;
        }

        if (!BatchJobs.IsPerPortfolio(job.Type) || job.BusinessDate is not { } date)
        {
            return BatchRunView.Of(job, null);
        }

        var counts = await db.Set<BatchItemRow>().AsNoTracking().Where(i => i.JobType == job.Type && i.BusinessDate == date)
            .GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        return BatchRunView.Of(job, new BatchItemCounts(
            counts.GetValueOrDefault(BatchItemRow.Done), counts.GetValueOrDefault(BatchItemRow.Skipped), counts.GetValueOrDefault(BatchItemRow.Failed)));
    }
}
