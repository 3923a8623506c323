using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Risk;

/// <summary>Exposures at the latest stored prices, computed on read (nothing recorded).</summary>
public sealed record GetExposures(Guid PortfolioId) : IRequest<Result<ExposureReport>>;

internal sealed class GetExposuresHandler(PortfolioDb db, ICurrentUser user, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetExposures, Result<ExposureReport>>
{
    public async Task<Result<ExposureReport>> Handle(GetExposures request, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindReadableAsync(user, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var market = await db.LoadMarketAsync(portfolio.Value, options.Value, withHistory: false, clock, cancellationToken);
        return ExposureReport.Of(portfolio.Value.Id, portfolio.Value.BaseCurrency, market.Book);
    }
}
