using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Risk;

/// <summary>Calculates and records the portfolio's risk now; whoever may read the portfolio may ask.</summary>
public sealed record CalculateRisk(Guid PortfolioId) : IRequest<Result<RiskReport>>;

internal sealed class CalculateRiskHandler(PortfolioDb db, ICurrentUser user, RiskCalculator calculator) : IRequestHandler<CalculateRisk, Result<RiskReport>>
{
    public async Task<Result<RiskReport>> Handle(CalculateRisk request, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindReadableAsync(user, request.PortfolioId, cancellationToken);
        return portfolio.IsSuccess ? await calculator.CalculateAsync(portfolio.Value, user.Subject!, cancellationToken) : portfolio.Error!;
    }
}
