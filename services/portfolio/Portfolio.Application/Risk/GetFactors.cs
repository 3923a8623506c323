using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

public sealed record FactorReport(Guid PortfolioId, DateOnly AsOf, decimal? BetaToMarket, FactorExposure Factors, IReadOnlyList<UnpricedPosition> Unpriced);

/// <summary>Factor betas of the current book's daily returns over the factor window.</summary>
public sealed record GetFactors(Guid PortfolioId) : IRequest<Result<FactorReport>>;

internal sealed class GetFactorsHandler(PortfolioDb db, ICurrentUser user, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetFactors, Result<FactorReport>>
{
    public Task<Result<FactorReport>> Handle(GetFactors request, CancellationToken cancellationToken) =>
        db.AnalyseAsync(user, request.PortfolioId, options.Value, withHistory: true, clock, market =>
        {
            // Only the scenario P&L is needed: no tails, no covariance of the book's underlyings.
            var history = market.Snapshot.History!;
            var scenarios = RiskAnalysis.Scenarios(market.Book, history, options.Value);
            return new FactorReport(market.Portfolio.Id, market.Book.AsOf, RiskAnalysis.MarketBeta(scenarios, history), RiskAnalysis.Factors(scenarios, history), market.Book.Unpriced);
        }, cancellationToken);
}
