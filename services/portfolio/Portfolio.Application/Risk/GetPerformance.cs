using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>P&amp;L for the day, month, year and since inception; return statistics of the current book.</summary>
public sealed record GetPerformance(Guid PortfolioId) : IRequest<Result<PerformanceReport>>;

internal sealed class GetPerformanceHandler(PortfolioDb db, ICurrentUser user, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetPerformance, Result<PerformanceReport>>
{
    public Task<Result<PerformanceReport>> Handle(GetPerformance request, CancellationToken cancellationToken) =>
        db.AnalyseAsync(user, request.PortfolioId, options.Value, withHistory: true, clock, market =>
        {
            var history = market.Snapshot.History!;
            var statistics = RiskAnalysis.Statistics(RiskAnalysis.Scenarios(market.Book, history, options.Value), options.Value);
            return PerformanceReport.Of(market.Portfolio.Id, market.Portfolio.BaseCurrency, market.Book, history, options.Value, statistics);
        }, cancellationToken);
}
