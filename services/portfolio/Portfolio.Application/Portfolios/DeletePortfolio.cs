using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Portfolios;

/// <summary>Soft delete: the portfolio, its positions and its history stay for audit; every read treats them as gone.</summary>
public sealed record DeletePortfolio(Guid PortfolioId, uint? ExpectedVersion) : IRequest<Result>;

internal sealed class DeletePortfolioHandler(PortfolioDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DeletePortfolio, Result>
{
    public async Task<Result> Handle(DeletePortfolio request, CancellationToken cancellationToken)
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

        var deleted = portfolio.Value.Delete(caller.Value, clock.GetUtcNow());
        return deleted.IsSuccess ? await db.SaveOrStaleAsync(cancellationToken) : deleted;
    }
}
