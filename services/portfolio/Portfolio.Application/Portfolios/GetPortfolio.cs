using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Portfolios;

public sealed record GetPortfolio(Guid PortfolioId) : IRequest<Result<PortfolioView>>;

internal sealed class GetPortfolioHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<GetPortfolio, Result<PortfolioView>>
{
    public async Task<Result<PortfolioView>> Handle(GetPortfolio request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var portfolio = await db.FindReadableAsync(caller.Value, request.PortfolioId, cancellationToken);
        return portfolio.IsSuccess ? PortfolioView.Of(portfolio.Value) : portfolio.Error!;
    }
}
