using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Positions;

/// <summary>Closes (soft-deletes) the position; its history stays in the audit log.</summary>
public sealed record DeletePosition(Guid PositionId, uint? ExpectedVersion) : IRequest<Result>;

internal sealed class DeletePositionHandler(PortfolioDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DeletePosition, Result>
{
    public async Task<Result> Handle(DeletePosition request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var position = await db.FindPositionAsync(caller.Value, request.PositionId, forChange: true, cancellationToken);
        if (!position.IsSuccess)
        {
            return position.Error!;
        }

        if (request.ExpectedVersion is { } version && version != position.Value.Version)
        {
            return PortfolioErrors.Stale;
        }

        var closed = position.Value.Close(caller.Value, clock.GetUtcNow());
        return closed.IsSuccess ? await db.SaveOrStaleAsync(cancellationToken) : closed;
    }
}
