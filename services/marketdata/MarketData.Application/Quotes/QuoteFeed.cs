using System.Collections.Concurrent;
using MarketData.Application.Persistence;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace MarketData.Application.Quotes;

/// <summary>
/// Wakes every open quote stream of this replica when quotes were committed (on any replica: the
/// database's NOTIFY on <see cref="QuoteWriter.Channel"/> reaches all). A wake-up carries no data;
/// each stream reads what changed for its own symbols since it last looked.
/// </summary>
public sealed class QuoteFeed
{
    private readonly ConcurrentDictionary<Doorbell, byte> _streams = new();

    public Doorbell Subscribe()
    {
        var doorbell = new Doorbell();
        _streams.TryAdd(doorbell, 0);
        return doorbell;
    }

    public void Unsubscribe(Doorbell doorbell) => _streams.TryRemove(doorbell, out _);

    public void NotifyAll()
    {
        foreach (var doorbell in _streams.Keys)
        {
            doorbell.Ring();
        }
    }

    public int OpenStreams => _streams.Count;
}

/// <summary>What a quote stream reads: the quotes of its symbols changed after a point in time.</summary>
public sealed class QuotesSince(MarketDataDb db)
{
    public sealed record Change(QuoteView Quote, DateTimeOffset UpdatedAt);

    /// <summary>The tracked assets among the symbols (id by symbol), and the ones that are not tracked.</summary>
    public async Task<(Dictionary<Guid, string> Tracked, List<string> Unknown)> ResolveAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var tracked = await db.Assets.AsNoTracking().Where(a => symbols.Contains(a.Symbol)).ToDictionaryAsync(a => a.Id, a => a.Symbol, cancellationToken);
        return (tracked, symbols.Except(tracked.Values).ToList());
    }

    /// <summary>Quotes of <paramref name="assetIds"/> updated after <paramref name="after"/> (every quote when null), oldest change first.</summary>
    public async Task<List<Change>> AfterAsync(IReadOnlyCollection<Guid> assetIds, DateTimeOffset? after, CancellationToken cancellationToken)
    {
        var rows = await db.Quotes.AsNoTracking()
            .Where(q => assetIds.Contains(q.AssetId) && (after == null || q.UpdatedAt > after))
            .Join(db.Assets, q => q.AssetId, a => a.Id, (q, a) => new { a.Symbol, a.Currency, q.Price, q.PreviousClose, q.AsOf, q.UpdatedAt })
            .OrderBy(q => q.UpdatedAt)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Change(QuoteView.Of(new Quote(r.Symbol, r.Price, r.PreviousClose, r.AsOf), r.Currency), r.UpdatedAt)).ToList();
    }
}
