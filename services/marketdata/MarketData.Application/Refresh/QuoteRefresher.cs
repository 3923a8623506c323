using MarketData.Application.Persistence;
using MarketData.Application.Providers;
using MarketData.Application.Quotes;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;

namespace MarketData.Application.Refresh;

/// <summary>One intraday tick: the quote provider's latest quotes of tracked assets, stored and announced when they changed.</summary>
public sealed class QuoteRefresher(MarketDataDb db, MarketDataSources sources, QuoteWriter writer, MarketDataMetrics metrics)
{
    /// <summary>Polls quotes of <paramref name="symbols"/> (every active asset when null); returns how many changed.</summary>
    public async Task<int> TickAsync(IReadOnlyList<string>? symbols, CancellationToken cancellationToken)
    {
        var query = db.Assets.AsNoTracking().Where(a => a.Active);
        if (symbols is not null)
        {
            query = query.Where(a => symbols.Contains(a.Symbol));
        }

        var assets = await query.Select(a => new { a.Id, a.Symbol, a.Currency }).ToDictionaryAsync(a => a.Symbol, StringComparer.Ordinal, cancellationToken);
        if (assets.Count == 0)
        {
            return 0;
        }

        var quotes = await sources.Quotes.GetQuotesAsync(assets.Keys.ToList(), cancellationToken);
        var sound = new List<AssetQuote>();
        foreach (var quote in quotes)
        {
            if (!assets.TryGetValue(quote.Symbol, out var asset))
            {
                continue;
            }

            if (quote.Price <= 0 || quote.PreviousClose < 0)
            {
                metrics.PayloadRejected(sources.Quotes.Name, "quotes");
                continue;
            }

            sound.Add(new AssetQuote(asset.Id, asset.Currency, quote));
        }

        return (await writer.WriteAsync(sound, announceAll: false, cancellationToken)).Count;
    }
}
