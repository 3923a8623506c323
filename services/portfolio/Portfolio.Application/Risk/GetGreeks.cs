using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Risk;

/// <summary>Greeks per position and in total, in money of the base currency, at the latest stored prices.</summary>
public sealed record GetGreeks(Guid PortfolioId) : IRequest<Result<GreeksReport>>;

internal sealed class GetGreeksHandler(PortfolioDb db, ICurrentUser user, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetGreeks, Result<GreeksReport>>
{
    public async Task<Result<GreeksReport>> Handle(GetGreeks request, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindReadableAsync(user, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var market = await db.LoadMarketAsync(portfolio.Value, options.Value, withHistory: false, clock, cancellationToken);
        return GreeksReport.Of(portfolio.Value.Id, portfolio.Value.BaseCurrency, market.Book);
    }
}
