using MarketData.Application.Persistence;
using MarketData.Application.Quotes;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;

namespace MarketData.Application.Refresh;

/// <summary>
/// The <c>asset-backfill</c> job: a newly tracked symbol's history up to the last closed session,
/// and its latest quote, so the asset is usable minutes after an admin (or deals) asked for it.
/// </summary>
internal sealed class AssetBackfill(MarketDataDb db, BarRefresher bars, QuoteRefresher quotes, TimeProvider clock) : IJobHandler<BackfillParams>
{
    public const string Type = "asset-backfill";

    public async Task RunAsync(JobContext<BackfillParams> job, CancellationToken cancellationToken)
    {
        var symbol = Symbols.Normalize(job.Parameters.Symbol) ?? throw new InvalidOperationException($"'{job.Parameters.Symbol}' is not a symbol.");
        var asset = await db.Assets.AsNoTracking().Where(a => a.Symbol == symbol).Select(a => new { a.Id, a.Symbol }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"{symbol} is not tracked.");
        job.Progress.SetTotal(2);
        var outcome = (await bars.RefreshAsync([(asset.Id, asset.Symbol)], MarketCalendar.LastClosedSession(clock.GetUtcNow()), _ => job.Progress.Advance(), cancellationToken)).Single();
        if (outcome.Error is not null)
        {
            // The run failed as a whole (one symbol is all it had): JobFailed tells the admins.
            throw new InvalidOperationException($"Back-fill of {symbol} failed: {outcome.Error}");
        }

        await quotes.TickAsync([symbol], cancellationToken);
        job.Progress.Advance();
    }
}
