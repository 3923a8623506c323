using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Positions;

/// <summary>Positions follow their portfolio's rules: someone else's is "not found" unless the caller reads every portfolio.</summary>
internal static class PositionAccess
{
    public static IQueryable<Position> ReadableBy(this IQueryable<Position> positions, Caller caller) =>
        caller.ReadsAll ? positions : positions.Where(p => p.OwnerId == caller.UserId);

    public static async Task<Result<Position>> FindPositionAsync(
        this PortfolioDb db, Caller caller, Guid positionId, bool forChange, CancellationToken cancellationToken)
    {
        var query = forChange ? db.Positions : db.Positions.AsNoTracking();
        if (await query.ReadableBy(caller).SingleOrDefaultAsync(p => p.Id == positionId, cancellationToken) is not { } position)
        {
            return PortfolioErrors.PositionNotFound;
        }

        return !forChange || caller.MayChange(position.OwnerId) ? position : PortfolioErrors.NotOwner;
    }
}
