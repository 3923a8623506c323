using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>Exposures at the latest stored prices, computed on read (nothing recorded).</summary>
public sealed record GetExposures(Guid PortfolioId) : IRequest<Result<CachedAnalytics>>;

internal sealed class GetExposuresHandler(PortfolioDb db, ICurrentUser user, AnalyticsCache cache, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetExposures, Result<CachedAnalytics>>
{
    public Task<Result<CachedAnalytics>> Handle(GetExposures request, CancellationToken cancellationToken) =>
        db.AnalyseCachedAsync(user, cache, "exposures", request.PortfolioId, options.Value, clock,
            market => ExposureReport.Of(market.Portfolio.Id, market.Portfolio.BaseCurrency, market.Book), cancellationToken);
}
