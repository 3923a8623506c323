using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.MarketData;
using Platform.Messaging.Inbox;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Application.Risk;

namespace Portfolio.Application.Consumers;

/// <summary>
/// Keeps the day's close of every symbol the service follows (held or a factor proxy) and marks the
/// portfolios that hold a repriced symbol for revaluation. Prices of symbols nobody holds are not kept.
/// </summary>
public sealed class PricesUpdatedConsumer(PortfolioDb db, TimeProvider clock, RevaluationSignal revaluation) : InboxConsumer<PricesUpdated, PortfolioDb>(db)
{
    private static readonly TimeZoneInfo Exchange = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    protected override async Task HandleAsync(PricesUpdated message, ConsumeContext<PricesUpdated> context)
    {
        var tickers = message.Quotes.Select(q => q.Ticker).Distinct(StringComparer.Ordinal).ToList();
        var followed = await Db.Instruments.AsNoTracking().Where(i => tickers.Contains(i.Symbol)).Select(i => i.Symbol).ToListAsync(context.CancellationToken);
        if (followed.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var followedSet = followed.ToHashSet(StringComparer.Ordinal);
        // A price is the close of its trading day in New York until a later one replaces it; the sync
        // later brings the adjusted close. Prices are positive: anything else is not a price to value with.
        var closes = message.Quotes
            .Where(q => followedSet.Contains(q.Ticker) && q.Price > 0)
            .Select(q => new ClosePriceRow
            {
                Symbol = q.Ticker, Date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(q.AsOf, Exchange).DateTime),
                Close = q.Price, AdjustedClose = q.Price, Currency = q.Currency, UpdatedAt = now,
            })
            .ToList();
        await Db.UpsertAsync(closes, context.CancellationToken);
        var marked = await Db.MarkForRevaluationAsync(followed, now, context.CancellationToken);
        if (marked > 0)
        {
            revaluation.Ring();
        }
    }
}
