using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Portfolios;

/// <summary>Replaces name, currency, description and limits; <paramref name="ExpectedVersion"/> is the client's If-Match.</summary>
public sealed record UpdatePortfolio(Guid PortfolioId, uint? ExpectedVersion, PortfolioInput Input) : IRequest<Result<PortfolioView>>, IPortfolioInputRequest;

internal sealed class UpdatePortfolioValidator : PortfolioInputValidator<UpdatePortfolio>;

internal sealed class UpdatePortfolioHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<UpdatePortfolio, Result<PortfolioView>>
{
    public async Task<Result<PortfolioView>> Handle(UpdatePortfolio request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var portfolio = await db.FindChangeableAsync(caller.Value, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        if (request.ExpectedVersion is { } version && version != portfolio.Value.Version)
        {
            return PortfolioErrors.Stale;
        }

        var input = request.Input;
        var changed = portfolio.Value.Change(caller.Value, input.Name!, input.Currency, input.Description, input.ToLimits());
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        try
        {
            var saved = await db.SaveOrStaleAsync(cancellationToken);
            return saved.IsSuccess ? PortfolioView.Of(portfolio.Value) : saved.Error!;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return PortfolioErrors.DuplicateName;
        }
    }
}
