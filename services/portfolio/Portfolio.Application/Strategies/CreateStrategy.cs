using FluentValidation;
using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Strategies;

public sealed record CreateStrategy(Guid PortfolioId, StrategyInput Input) : IRequest<Result<StrategyView>>;

internal sealed class CreateStrategyValidator : AbstractValidator<CreateStrategy>
{
    public CreateStrategyValidator() => this.AddStrategyRules(r => r.Input);
}

internal sealed class CreateStrategyHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<CreateStrategy, Result<StrategyView>>
{
    public async Task<Result<StrategyView>> Handle(CreateStrategy request, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindChangeableAsync(user, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var strategy = PositionStrategy.Create(request.PortfolioId, request.Input.Name!, request.Input.Kind ?? StrategyKind.Custom, request.Input.Description);
        db.Strategies.Add(strategy);
        return await db.SaveStrategyAsync(strategy, cancellationToken);
    }
}
