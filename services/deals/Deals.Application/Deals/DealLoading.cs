using Deals.Application.Persistence;
using Deals.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Deals.Application.Deals;

/// <summary>Loading a deal to change it and saving it, with optimistic concurrency on its version.</summary>
internal static class DealLoading
{
    /// <param name="expectedVersion">The client's If-Match version; null when the endpoint lets it be omitted.</param>
    public static async Task<Result<Deal>> LoadForChangeAsync(this DealsDb db, Guid id, uint? expectedVersion, CancellationToken cancellationToken)
    {
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (deal is null)
        {
            return DealErrors.NotFound;
        }

        return expectedVersion is { } version && version != deal.Version ? DealErrors.Stale : deal;
    }

    /// <summary>Saves; a write that landed between our read and this save makes it stale (412), never a silent overwrite.</summary>
    public static async Task<Result<DealView>> SaveAsync(this DealsDb db, Deal deal, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DealErrors.Stale;
        }

        return DealView.From(deal);
    }
}
