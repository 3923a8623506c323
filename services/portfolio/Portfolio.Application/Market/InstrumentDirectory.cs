using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Market;

/// <summary>What is known about a symbol: described (<see cref="Instrument"/>), unknown to marketdata, or not answered.</summary>
public sealed record InstrumentLookup(InstrumentRow? Instrument, bool Unknown)
{
    public bool Unavailable => Instrument is null && !Unknown;
}

/// <summary>
/// The instruments the service knows, and marketdata asked (it starts tracking the symbol and
/// back-filling its history) about one it does not know yet. New rows are saved at once: a description
/// is market data, not part of the caller's change.
/// </summary>
public sealed class InstrumentDirectory(PortfolioDb db, MarketDataClient marketData, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<string, InstrumentLookup>> DescribeAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken)
    {
        var known = await db.Instruments.AsNoTracking().Where(i => symbols.Contains(i.Symbol)).ToDictionaryAsync(i => i.Symbol, StringComparer.Ordinal, cancellationToken);
        var result = known.ToDictionary(k => k.Key, k => new InstrumentLookup(k.Value, false), StringComparer.Ordinal);
        foreach (var symbol in symbols.Where(s => !known.ContainsKey(s)).Distinct(StringComparer.Ordinal))
        {
            result[symbol] = await DescribeAsync(symbol, cancellationToken);
        }

        return result;
    }

    public async Task<InstrumentLookup> DescribeAsync(string symbol, CancellationToken cancellationToken)
    {
        var answer = await marketData.TrackAsync(symbol, cancellationToken);
        if (answer?.Asset is not { } asset)
        {
            return new InstrumentLookup(null, answer is not null);
        }

        var row = new InstrumentRow
        {
            Symbol = symbol, Name = asset.Name, Type = asset.Type, Sector = asset.Sector, Currency = asset.Currency, UpdatedAt = clock.GetUtcNow(),
        };
        // Described concurrently (another request, the sync): theirs is the same answer.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO portfolio.instruments (symbol, name, type, sector, currency, updated_at)
            VALUES ({row.Symbol}, {row.Name}, {row.Type}, {row.Sector}, {row.Currency}, {row.UpdatedAt})
            ON CONFLICT (symbol) DO NOTHING
            """,
            cancellationToken);
        return new InstrumentLookup(await db.Instruments.SingleAsync(i => i.Symbol == symbol, cancellationToken), false);
    }
}
