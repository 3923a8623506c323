using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Strategies;

public sealed record StrategyInput(string? Name, StrategyKind? Kind, string? Description);

/// <summary>A strategy with the positions grouped under it.</summary>
public sealed record StrategyView(Guid Id, Guid PortfolioId, string Name, StrategyKind Kind, string? Description, IReadOnlyList<Guid> PositionIds);

// A portfolio's strategies follow the portfolio's rules: readable where it is, changed by whoever may change it.

public sealed record ListStrategies(Guid PortfolioId) : IRequest<Result<IReadOnlyList<StrategyView>>>;

public sealed record CreateStrategy(Guid PortfolioId, StrategyInput Input) : IRequest<Result<StrategyView>>;

public sealed record UpdateStrategy(Guid PortfolioId, Guid StrategyId, StrategyInput Input) : IRequest<Result<StrategyView>>;

/// <summary>The positions stay; they are no longer grouped.</summary>
public sealed record DeleteStrategy(Guid PortfolioId, Guid StrategyId) : IRequest<Result>;

internal static class StrategyInputRules
{
    public static void AddStrategyRules<T>(this AbstractValidator<T> validator, Func<T, StrategyInput> input)
    {
        validator.RuleFor(r => input(r).Name!).NotEmpty().MaximumLength(PortfolioErrors.NameMaxLength).SingleLineText().OverridePropertyName("name");
        validator.RuleFor(r => input(r).Description).MaximumLength(PortfolioErrors.DescriptionMaxLength)
            .Must(d => d is null || ClientText.Problem(d, multiLine: true) is null)
            .WithMessage((_, d) => ClientText.Problem(d, multiLine: true)).OverridePropertyName("description");
    }
}

internal sealed class CreateStrategyValidator : AbstractValidator<CreateStrategy>
{
    public CreateStrategyValidator() => this.AddStrategyRules(r => r.Input);
}

internal sealed class UpdateStrategyValidator : AbstractValidator<UpdateStrategy>
{
    public UpdateStrategyValidator() => this.AddStrategyRules(r => r.Input);
}

internal sealed class StrategyHandlers(PortfolioDb db, ICurrentUser user) :
    IRequestHandler<ListStrategies, Result<IReadOnlyList<StrategyView>>>,
    IRequestHandler<CreateStrategy, Result<StrategyView>>,
    IRequestHandler<UpdateStrategy, Result<StrategyView>>,
    IRequestHandler<DeleteStrategy, Result>
{
    public async Task<Result<IReadOnlyList<StrategyView>>> Handle(ListStrategies request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var portfolio = await db.FindReadableAsync(caller.Value, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var strategies = await db.Strategies.AsNoTracking().Where(s => s.PortfolioId == request.PortfolioId).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var members = await db.Positions.AsNoTracking().Where(p => p.PortfolioId == request.PortfolioId && p.StrategyId != null)
            .Select(p => new { p.Id, StrategyId = p.StrategyId!.Value }).ToListAsync(cancellationToken);
        var byStrategy = members.ToLookup(m => m.StrategyId, m => m.Id);
        return Result<IReadOnlyList<StrategyView>>.Ok([.. strategies.Select(s => View(s, [.. byStrategy[s.Id]]))]);
    }

    public async Task<Result<StrategyView>> Handle(CreateStrategy request, CancellationToken cancellationToken)
    {
        var portfolio = await ChangeablePortfolioAsync(request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var strategy = PositionStrategy.Create(request.PortfolioId, request.Input.Name!, request.Input.Kind ?? StrategyKind.Custom, request.Input.Description);
        db.Strategies.Add(strategy);
        return await SaveAsync(strategy, cancellationToken);
    }

    public async Task<Result<StrategyView>> Handle(UpdateStrategy request, CancellationToken cancellationToken)
    {
        var portfolio = await ChangeablePortfolioAsync(request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        if (await db.Strategies.SingleOrDefaultAsync(s => s.Id == request.StrategyId && s.PortfolioId == request.PortfolioId, cancellationToken) is not { } strategy)
        {
            return PortfolioErrors.StrategyNotFound;
        }

        strategy.Change(request.Input.Name!, request.Input.Kind ?? strategy.Kind, request.Input.Description);
        return await SaveAsync(strategy, cancellationToken);
    }

    public async Task<Result> Handle(DeleteStrategy request, CancellationToken cancellationToken)
    {
        var portfolio = await ChangeablePortfolioAsync(request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        if (await db.Strategies.SingleOrDefaultAsync(s => s.Id == request.StrategyId && s.PortfolioId == request.PortfolioId, cancellationToken) is not { } strategy)
        {
            return PortfolioErrors.StrategyNotFound;
        }

        // Soft-deleted positions too: the foreign key would otherwise keep the strategy alive.
        await db.Positions.IgnoreQueryFilters().Where(p => p.StrategyId == strategy.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.StrategyId, (Guid?)null), cancellationToken);
        db.Strategies.Remove(strategy);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private async Task<Result<InvestmentPortfolio>> ChangeablePortfolioAsync(Guid portfolioId, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        return caller.IsSuccess ? await db.FindChangeableAsync(caller.Value, portfolioId, cancellationToken) : caller.Error!;
    }

    private async Task<Result<StrategyView>> SaveAsync(PositionStrategy strategy, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return PortfolioErrors.DuplicateStrategy;
        }

        var members = await db.Positions.AsNoTracking().Where(p => p.StrategyId == strategy.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        return View(strategy, members);
    }

    private static StrategyView View(PositionStrategy s, IReadOnlyList<Guid> positionIds) => new(s.Id, s.PortfolioId, s.Name, s.Kind, s.Description, positionIds);
}
