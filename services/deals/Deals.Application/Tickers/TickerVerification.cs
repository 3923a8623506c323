using System.Collections.Concurrent;
using Deals.Application.Persistence;
using Deals.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;

namespace Deals.Application.Tickers;

/// <summary>Create, update, patch and import ask marketdata about the tickers they introduce, through here.</summary>
internal sealed class TickerVerification(DealsDb db, MarketDataClient marketData, IOptions<MarketDataOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Verifies the tickers <paramref name="deal"/> names that differ from the previous ones (none for a new
    /// deal). Refuses tickers marketdata does not know; one it could not be asked about passes, unverified.
    /// </summary>
    public async Task<Result> VerifyChangedAsync(Deal deal, string? previousTarget, string? previousAcquirer, CancellationToken cancellationToken)
    {
        var changed = new[] { deal.TargetTicker == previousTarget ? null : deal.TargetTicker, deal.AcquirerTicker == previousAcquirer ? null : deal.AcquirerTicker };
        var unknown = await VerifyAsync(changed, cancellationToken);
        return Refusals(deal, unknown) is { Count: > 0 } errors ? DealErrors.Invalid(errors) : Result.Ok();
    }

    /// <summary>Asks about each distinct ticker once, records the answers, and returns the tickers marketdata does not know.</summary>
    public async Task<IReadOnlySet<string>> VerifyAsync(IEnumerable<string?> tickers, CancellationToken cancellationToken)
    {
        var answers = await AskAsync(tickers.OfType<string>().Distinct(StringComparer.Ordinal), cancellationToken);
        await RecordAsync(answers, cancellationToken);
        return answers.Where(a => a.Value == TickerLookup.Unknown).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// A few calls at a time. Once one finds marketdata unavailable the rest are not made: each would wait
    /// out the same timeout, and the verifier asks about them later anyway.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TickerLookup>> AskAsync(IEnumerable<string> tickers, CancellationToken cancellationToken)
    {
        var answers = new ConcurrentDictionary<string, TickerLookup>(StringComparer.Ordinal);
        var unavailable = false;
        await Parallel.ForEachAsync(tickers, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (ticker, token) =>
            {
                var answer = Volatile.Read(ref unavailable) ? TickerLookup.Unavailable : await marketData.TrackAsync(ticker, token);
                answers[ticker] = answer;
                if (answer == TickerLookup.Unavailable)
                {
                    Volatile.Write(ref unavailable, true);
                }
            });
        return answers;
    }

    /// <summary>The field errors for the tickers of <paramref name="deal"/> that are in <paramref name="unknown"/>.</summary>
    public static Dictionary<string, string[]> Refusals(Deal deal, IReadOnlySet<string> unknown)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, ticker) in new[] { ("targetTicker", deal.TargetTicker), ("acquirerTicker", deal.AcquirerTicker) })
        {
            if (ticker is not null && unknown.Contains(ticker))
            {
                errors[field] = [$"Unknown ticker '{ticker}': marketdata knows no such symbol."];
            }
        }

        return errors;
    }

    // One statement for all answers, upserted so concurrent requests naming the same new ticker never
    // collide. "Could not ask" never overwrites a verified ticker: the earlier answer still holds.
    // Unknown is not recorded here: the request that got it is refused and saves nothing.
    private async Task RecordAsync(IReadOnlyDictionary<string, TickerLookup> answers, CancellationToken cancellationToken)
    {
        var recorded = answers.Where(a => a.Value != TickerLookup.Unknown).ToList();
        if (recorded.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var retryAt = now + options.Value.FirstRetryDelay;
        var tickers = recorded.Select(a => a.Key).ToArray();
        var statuses = recorded.Select(a => EnumText.Name(a.Value == TickerLookup.Known ? TickerStatus.Verified : TickerStatus.Unverified)).ToArray();
        var unverified = EnumText.Name(TickerStatus.Unverified);
        var unknown = EnumText.Name(TickerStatus.Unknown);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO deals.ticker_checks AS c (ticker, status, checked_at, next_check_at, attempts)
            SELECT a.ticker, a.status, {now}, CASE WHEN a.status = {unverified} THEN {retryAt} END, 0
            FROM unnest({tickers}::text[], {statuses}::text[]) AS a(ticker, status)
            ON CONFLICT (ticker) DO UPDATE
            SET status = excluded.status, checked_at = excluded.checked_at, next_check_at = excluded.next_check_at, attempts = 0
            WHERE excluded.status <> {unverified} OR c.status = {unknown}
            """, cancellationToken);
    }
}
