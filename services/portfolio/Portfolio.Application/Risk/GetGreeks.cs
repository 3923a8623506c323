using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>Greeks per position and in total, in money of the base currency, at the latest stored prices.</summary>
public sealed record GetGreeks(Guid PortfolioId) : IRequest<Result<CachedAnalytics>>;

internal sealed class GetGreeksHandler(PortfolioDb db, ICurrentUser user, AnalyticsCache cache, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetGreeks, Result<CachedAnalytics>>
{
    public Task<Result<CachedAnalytics>> Handle(GetGreeks request, CancellationToken cancellationToken) =>
        db.AnalyseCachedAsync(user, cache, "greeks", request.PortfolioId, options.Value, clock,
            market => GreeksReport.Of(market.Portfolio.Id, market.Portfolio.BaseCurrency, market.Book), cancellationToken);
}
