using Alerts.Application.Alerts;
using Alerts.Application.Persistence;
using Alerts.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Alerts.Application.Rules;

public sealed record RuleInput(string? Kind, string? Ticker, Guid? PortfolioId, decimal? Threshold);

/// <summary>Creates an armed rule owned by the caller.</summary>
public sealed record CreateRule(RuleInput Input) : IRequest<Result<RuleView>>;

internal sealed class CreateRuleValidator : AbstractValidator<CreateRule>
{
    public CreateRuleValidator()
    {
        RuleFor(r => r.Input.Kind).NotEmpty().WithMessage($"Required: one of {EnumText.Names<RuleKind>()}.")
            .OneOf<CreateRule, RuleKind>().OverridePropertyName("kind");
        RuleFor(r => r.Input.Threshold).NotNull().WithMessage("Required.")
            .GreaterThan(0m).WithMessage("Must be greater than 0.").OverridePropertyName("threshold");

        When(r => EnumText.Parse<RuleKind>(r.Input.Kind) is { } kind && AlertRule.IsPriceKind(kind), () =>
        {
            RuleFor(r => r.Input.Ticker).Must(AlertRule.IsTicker)
                .WithMessage($"Required for a price rule: 1 to {AlertRule.TickerMaxLength} upper-case letters, digits, '.' or '-'.")
                .OverridePropertyName("ticker");
            RuleFor(r => r.Input.PortfolioId).Null().WithMessage("Only for varAbove rules.").OverridePropertyName("portfolioId");
        });
        When(r => EnumText.Parse<RuleKind>(r.Input.Kind) == RuleKind.VarAbove, () =>
        {
            RuleFor(r => r.Input.PortfolioId).Must(id => id is { } value && value != Guid.Empty)
                .WithMessage("Required for a varAbove rule.").OverridePropertyName("portfolioId");
            RuleFor(r => r.Input.Ticker).Null().WithMessage("Only for price rules.").OverridePropertyName("ticker");
        });
    }
}

internal sealed class CreateRuleHandler(AlertsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreateRule, Result<RuleView>>
{
    public async Task<Result<RuleView>> Handle(CreateRule request, CancellationToken cancellationToken)
    {
        var caller = user.Caller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var input = request.Input;
        var kind = EnumText.Parse<RuleKind>(input.Kind)!.Value;
        var now = clock.GetUtcNow();
        var rule = AlertRule.IsPriceKind(kind)
            ? AlertRule.PriceRule(caller.Value, kind, input.Ticker!, input.Threshold!.Value, now)
            : AlertRule.VarRule(caller.Value, input.PortfolioId!.Value, input.Threshold!.Value, now);

        // Counting and inserting under a per-owner lock: two concurrent creates cannot both pass at 99.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"alert-rules:" + caller.Value}, 0))", cancellationToken);
        if (await db.Rules.CountAsync(r => r.OwnerId == caller.Value, cancellationToken) >= AlertRule.MaxRulesPerOwner)
        {
            return AlertErrors.RuleLimit;
        }

        db.Rules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Read back as stored (PostgreSQL keeps microseconds), so this response matches every later read.
        return await db.Rules.AsNoTracking().Where(r => r.Id == rule.Id).Select(RuleView.Projection).SingleAsync(cancellationToken);
    }
}
