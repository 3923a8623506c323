using FluentValidation;
using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Strategies;

public sealed record UpdateStrategy(Guid PortfolioId, Guid StrategyId, StrategyInput Input) : IRequest<Result<StrategyView>>;

internal sealed class UpdateStrategyValidator : AbstractValidator<UpdateStrategy>
{
    public UpdateStrategyValidator() => this.AddStrategyRules(r => r.Input);
}

internal sealed class UpdateStrategyHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<UpdateStrategy, Result<StrategyView>>
{
    public async Task<Result<StrategyView>> Handle(UpdateStrategy request, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindChangeableAsync(user, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        if (await db.FindStrategyAsync(request.PortfolioId, request.StrategyId, cancellationToken) is not { } strategy)
        {
            return PortfolioErrors.StrategyNotFound;
        }

        strategy.Change(request.Input.Name!, request.Input.Kind ?? strategy.Kind, request.Input.Description);
        return await db.SaveStrategyAsync(strategy, cancellationToken);
    }
}
