using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>Greeks per position and in total, in money of the base currency, at the latest stored prices.</summary>
public sealed record GetGreeks(Guid PortfolioId) : IRequest<Result<GreeksReport>>;

internal sealed class GetGreeksHandler(PortfolioDb db, ICurrentUser user, IOptions<RiskOptions> options, TimeProvider clock) : IRequestHandler<GetGreeks, Result<GreeksReport>>
{
    public Task<Result<GreeksReport>> Handle(GetGreeks request, CancellationToken cancellationToken) =>
        db.AnalyseAsync(user, request.PortfolioId, options.Value, withHistory: false, clock,
            market => GreeksReport.Of(market.Portfolio.Id, market.Portfolio.BaseCurrency, market.Book), cancellationToken);
}
