using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>Exposures at the latest stored prices, computed on read (nothing recorded).</summary>
public sealed record GetExposures(Guid PortfolioId) : IRequest<Result<ExposureReport>>;

internal sealed class GetExposuresHandler(PortfolioDb db, ICurrentUser user, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetExposures, Result<ExposureReport>>
{
    public Task<Result<ExposureReport>> Handle(GetExposures request, CancellationToken cancellationToken) =>
        db.AnalyseAsync(user, request.PortfolioId, options.Value, withHistory: false, clock,
            market => ExposureReport.Of(market.Portfolio.Id, market.Portfolio.BaseCurrency, market.Book), cancellationToken);
}
