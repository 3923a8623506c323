using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Application.Modeling;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Modeling;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Reports;

/// <summary>
/// What a client asks for: a kind, a portfolio it may read, optionally the period of the history shown (default:
/// the last year), and for <c>whatIfComparison</c> one of the caller's saved scenarios of that portfolio.
/// </summary>
public sealed record ReportInput(string? Kind, Guid? PortfolioId, DateOnly? From, DateOnly? To, Guid? ScenarioId = null);

/// <summary>Records the report and queues its generation on the job runner, in one transaction.</summary>
public sealed record RequestReport(ReportInput Input) : IRequest<Result<ReportView>>;

internal sealed class RequestReportValidator : AbstractValidator<RequestReport>
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public RequestReportValidator()
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        When(r => r.Input is not null, () =>
        {
            RuleFor(r => r.Input.Kind!).NotEmpty().SingleLineText()
                .Must(ReportKinds.IsKnown).WithMessage($"Must be one of: {ReportKinds.Names}.").OverridePropertyName("kind");
            RuleFor(r => r.Input.PortfolioId).NotNull().NotEqual(Guid.Empty).OverridePropertyName("portfolioId");
            RuleFor(r => r.Input.ScenarioId).NotNull().NotEqual(Guid.Empty).When(r => ReportKinds.NeedsScenario(r.Input.Kind))
                .WithMessage("Required for whatIfComparison: the id of one of your saved scenarios.").OverridePropertyName("scenarioId");
            RuleFor(r => r.Input.ScenarioId).Null().When(r => !ReportKinds.NeedsScenario(r.Input.Kind))
                .WithMessage("Only whatIfComparison takes a scenario.").OverridePropertyName("scenarioId");
            RuleFor(r => r.Input.From).Must(d => d is null || d >= Earliest).WithMessage("Must be on or after 2000-01-01.").OverridePropertyName("from");
            RuleFor(r => r.Input.To).Must(d => d is null || d >= Earliest).WithMessage("Must be on or after 2000-01-01.").OverridePropertyName("to");
        });
    }
}

internal sealed class RequestReportHandler(PortfolioDb db, ICurrentUser user, IJobs jobs, TimeProvider clock) : IRequestHandler<RequestReport, Result<ReportView>>
{
    public async Task<Result<ReportView>> Handle(RequestReport request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var portfolio = await db.FindReadableAsync(caller.Value, input.PortfolioId!.Value, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        // Scenarios are their owner's alone, as their sessions are: another user's is "not found", whatever the role.
        if (input.ScenarioId is { } scenarioId && !await db.Set<ModelingScenarioRow>().AnyAsync(
                s => s.Id == scenarioId && s.OwnerId == caller.Value.UserId && s.PortfolioId == portfolio.Value.Id, cancellationToken))
        {
            return ModelingErrors.ScenarioNotFound;
        }

        var now = clock.GetUtcNow();
        var to = input.To ?? DateOnly.FromDateTime(now.UtcDateTime);
        var from = input.From ?? to.AddYears(-1);
        if (Period(from, to) is { } problem)
        {
            return problem;
        }

        var report = new ReportRow
        {
            Id = Guid.CreateVersion7(now), Kind = input.Kind!, PortfolioId = portfolio.Value.Id, RequestedBy = caller.Value.UserId,
            From = from, To = to, ScenarioId = input.ScenarioId, Status = ReportStatus.Queued, CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await jobs.EnqueueAsync(GenerateReport.JobType, new ReportJob(report.Id), null, caller.Value.UserId.ToString(), cancellationToken);
        if (!job.IsSuccess)
        {
            return job.Error!;
        }

        report.JobId = job.Value;
        db.Set<ReportRow>().Add(report);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ReportView.Of(report, null, []);
    }

    private static Error? Period(DateOnly from, DateOnly to) =>
        from > to ? Field("from", "Must be on or before to (which defaults to today).")
        : to.DayNumber - from.DayNumber >= ReportHistory.MaxDays ? Field("to", $"The period may cover at most {ReportHistory.MaxDays} days.")
        : null;

    private static Error Field(string name, string message) => Error.Validation(new Dictionary<string, string[]> { [name] = [message] });
}
