using MarketData.Application.Persistence;
using MarketData.Application.Providers;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketData.Application.Refresh;

/// <summary>
/// Option chains: a day's chain replaces that day's stored chain as a whole (contracts listed
/// yesterday may be gone today), in one transaction; end-of-day chains older than the retention are
/// removed, so a back-fill cannot grow the table without bound. The newest day is the latest chain.
/// </summary>
public sealed class OptionChainRefresher(MarketDataDb db, MarketDataSources sources, IOptions<MarketDataOptions> options, MarketDataMetrics metrics, ILogger<OptionChainRefresher> logger)
{
    public async Task<List<(string Underlying, string Error)>> RefreshAsync(DateOnly businessDate, CancellationToken cancellationToken)
    {
        var failures = new List<(string, string)>();
        var wanted = options.Value.OptionUnderlyings.Select(s => Symbols.Normalize(s) ?? s).ToList();
        var underlyings = await db.Assets.AsNoTracking().Where(a => a.Active && wanted.Contains(a.Symbol)).Select(a => new { a.Id, a.Symbol }).ToListAsync(cancellationToken);
        foreach (var underlying in underlyings)
        {
            if (await FetchAndStoreAsync(underlying.Id, underlying.Symbol, businessDate, cancellationToken) is { } error)
            {
                failures.Add(("options:" + underlying.Symbol, error));
            }
        }

        var cutoff = businessDate.AddDays(-options.Value.OptionChainRetentionDays);
        await db.OptionQuotes.Where(o => o.AsOf < cutoff).ExecuteDeleteAsync(cancellationToken);
        return failures;
    }

    /// <summary>Fetches and stores one chain; the error when nothing was stored.</summary>
    public async Task<string?> FetchAndStoreAsync(Guid assetId, string symbol, DateOnly asOf, CancellationToken cancellationToken)
    {
        try
        {
            var chain = await sources.Options.GetOptionChainAsync(symbol, asOf, cancellationToken);
            Check(sources.Options.Name, chain);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.OptionQuotes.Where(o => o.AssetId == assetId && o.AsOf == chain.AsOf).ExecuteDeleteAsync(cancellationToken);
            db.OptionQuotes.AddRange(chain.Contracts.Select(c => new OptionQuoteRow
            {
                AssetId = assetId,
                AsOf = chain.AsOf,
                Expiry = c.Expiry,
                Strike = c.Strike,
                Right = c.Right,
                Bid = c.Bid,
                Ask = c.Ask,
                Last = c.Last,
                ImpliedVolatility = c.ImpliedVolatility,
                OpenInterest = c.OpenInterest,
                UnderlyingPrice = chain.UnderlyingPrice,
            }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return null;
        }
        catch (ProviderException e)
        {
            if (e is ProviderPayloadException)
            {
                metrics.PayloadRejected(e.Provider, "options");
            }

            logger.LogWarning("Option chain of {Symbol} as of {AsOf} not stored: {Reason}", symbol, asOf, e.Message);
            return e.Message;
        }
    }

    private static void Check(string provider, OptionChain chain)
    {
        if (chain.UnderlyingPrice <= 0)
        {
            throw new ProviderPayloadException(provider, $"{chain.Underlying}: underlying price {chain.UnderlyingPrice} is not positive");
        }

        var seen = new HashSet<(DateOnly, decimal, OptionRight)>();
        foreach (var c in chain.Contracts)
        {
            if (c.Strike <= 0 || c.Expiry < chain.AsOf || c.Bid < 0 || c.Ask < 0 || c.Bid > c.Ask || c.ImpliedVolatility is < 0 or > 20 || c.OpenInterest < 0)
            {
                throw new ProviderPayloadException(provider, $"{chain.Underlying} {c.Expiry:yyyy-MM-dd} {c.Strike} {c.Right}: not a sound contract");
            }

            if (!seen.Add((c.Expiry, c.Strike, c.Right)))
            {
                throw new ProviderPayloadException(provider, $"{chain.Underlying} {c.Expiry:yyyy-MM-dd} {c.Strike} {c.Right}: listed twice");
            }
        }
    }
}
