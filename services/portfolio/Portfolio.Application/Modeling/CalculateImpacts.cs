using MediatR;
using Platform.SharedKernel;

namespace Portfolio.Application.Modeling;

/// <summary>The session's impacts: the portfolio's figures before and after its trades, side by side, with the changes. Nothing is recorded.</summary>
public sealed record CalculateImpacts(Guid SessionId) : IRequest<Result<ImpactReport>>;

internal sealed class CalculateImpactsHandler(ImpactCalculator calculator, ICurrentUser user) : IRequestHandler<CalculateImpacts, Result<ImpactReport>>
{
    public async Task<Result<ImpactReport>> Handle(CalculateImpacts request, CancellationToken cancellationToken)
    {
        var market = await calculator.LoadAsync(user, request.SessionId, null, cancellationToken);
        return market.IsSuccess ? calculator.Report(market.Value) : market.Error!;
    }
}
