using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Risk;

/// <summary>P&amp;L for the day, month, year and since inception; return statistics of the current book.</summary>
public sealed record GetPerformance(Guid PortfolioId) : IRequest<Result<PerformanceReport>>;

internal sealed class GetPerformanceHandler(PortfolioDb db, ICurrentUser user, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetPerformance, Result<PerformanceReport>>
{
    public async Task<Result<PerformanceReport>> Handle(GetPerformance request, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindReadableAsync(user, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var market = await db.LoadMarketAsync(portfolio.Value, options.Value, withHistory: true, clock, cancellationToken);
        var history = market.Snapshot.History!;
        var figures = RiskAnalysis.Compute(market.Book, history, options.Value);
        return PerformanceReport.Of(portfolio.Value.Id, portfolio.Value.BaseCurrency, market.Book, history, options.Value, figures.Statistics);
    }
}
