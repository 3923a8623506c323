using Deals.Application.Persistence;
using Deals.Application.Queries;
using Deals.Application.Tickers;
using Deals.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

/// <summary>The one way a use case changes a deal: who acts, load at the expected version, let the aggregate act, save.</summary>
internal static class DealChanges
{
    /// <param name="expectedVersion">The client's If-Match version; null when it sent none or <c>*</c>.</param>
    /// <param name="change">The aggregate method to run; its refusal is returned as is and nothing is saved.</param>
    /// <param name="tickers">For changes of terms: asks marketdata about a ticker the change introduces.</param>
    public static async Task<Result<DealView>> ChangeAsync(
        this DealsDb db, ICurrentUser user, Guid dealId, uint? expectedVersion, Func<Deal, Actor, Result> change, CancellationToken cancellationToken,
        TickerVerification? tickers = null)
    {
        var actor = user.AsActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == dealId, cancellationToken);
        if (deal is null)
        {
            return DealErrors.NotFound;
        }

        if (expectedVersion is { } version && version != deal.Version)
        {
            return DealErrors.Stale;
        }

        var (target, acquirer) = (deal.TargetTicker, deal.AcquirerTicker);
        var changed = change(deal, actor.Value);
        if (changed.IsSuccess && tickers is not null)
        {
            changed = await tickers.VerifyChangedAsync(deal, target, acquirer, cancellationToken);
        }

        return changed.IsSuccess ? await db.SaveAsync(deal, cancellationToken) : changed.Error!;
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

        // Read back with what lives beside the row (market prices, ticker checks); a deleted deal included.
        return await db.Deals.AsNoTracking().IgnoreQueryFilters().Where(d => d.Id == deal.Id).ToViews(db).SingleAsync(cancellationToken);
    }
}
