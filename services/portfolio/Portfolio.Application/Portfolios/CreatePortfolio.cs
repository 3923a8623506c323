using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Portfolios;

public sealed record CreatePortfolio(PortfolioInput Input) : IRequest<Result<PortfolioView>>, IPortfolioInputRequest;

internal sealed class CreatePortfolioValidator : PortfolioInputValidator<CreatePortfolio>;

internal sealed class CreatePortfolioHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<CreatePortfolio, Result<PortfolioView>>
{
    public async Task<Result<PortfolioView>> Handle(CreatePortfolio request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var input = request.Input;
        var portfolio = InvestmentPortfolio.Create(caller.Value.UserId, input.Name!, input.Currency, input.Description, input.ToLimits());
        db.Portfolios.Add(portfolio);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return PortfolioErrors.DuplicateName;
        }

        return PortfolioView.Of(portfolio);
    }
}
