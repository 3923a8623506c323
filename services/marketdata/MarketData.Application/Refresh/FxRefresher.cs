using MarketData.Application.Persistence;
using MarketData.Application.Providers;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketData.Application.Refresh;

/// <summary>Daily FX rates of the configured pairs up to a business date: from the last stored day, checked, upserted; a failed pair writes nothing.</summary>
public sealed class FxRefresher(MarketDataDb db, MarketDataSources sources, IOptions<MarketDataOptions> options, MarketDataMetrics metrics, ILogger<FxRefresher> logger)
{
    public async Task<List<(string Pair, string Error)>> RefreshAsync(DateOnly businessDate, CancellationToken cancellationToken)
    {
        var failures = new List<(string, string)>();
        foreach (var pair in options.Value.FxPairs)
        {
            var (baseCurrency, quoteCurrency) = (pair[..3], pair[3..]);
            var last = await db.FxRates.Where(r => r.BaseCurrency == baseCurrency && r.QuoteCurrency == quoteCurrency)
                .OrderByDescending(r => r.Date).Select(r => (DateOnly?)r.Date).FirstOrDefaultAsync(cancellationToken);
            var from = last is { } l ? (l.AddDays(1) < businessDate ? l.AddDays(1) : businessDate) : businessDate.AddYears(-options.Value.HistoryYears);
            try
            {
                var rates = await sources.Fx.GetFxRatesAsync(baseCurrency, quoteCurrency, from, businessDate, cancellationToken);
                foreach (var rate in rates)
                {
                    if (rate.Rate <= 0 || rate.Date < from || rate.Date > businessDate || rate.BaseCurrency != baseCurrency || rate.QuoteCurrency != quoteCurrency)
                    {
                        throw new ProviderPayloadException(sources.Fx.Name, $"{pair} {rate.Date:yyyy-MM-dd}: rate {rate.Rate} for {rate.BaseCurrency}{rate.QuoteCurrency} is not a sound answer");
                    }
                }

                await UpsertAsync(rates, cancellationToken);
            }
            catch (ProviderException e)
            {
                if (e is ProviderPayloadException)
                {
                    metrics.PayloadRejected(e.Provider, "fx");
                }

                logger.LogWarning("FX refresh of {Pair} wrote nothing: {Reason}", pair, e.Message);
                failures.Add(("fx:" + pair, e.Message));
            }
        }

        return failures;
    }

    private Task<int> UpsertAsync(IReadOnlyList<FxRate> rates, CancellationToken cancellationToken) =>
        rates.Count == 0
            ? Task.FromResult(0)
            : db.Database.ExecuteSqlAsync($"""
                INSERT INTO marketdata.fx_rates AS r (base_currency, quote_currency, date, rate)
                SELECT * FROM unnest({rates.Select(r => r.BaseCurrency).ToArray()}::text[], {rates.Select(r => r.QuoteCurrency).ToArray()}::text[],
                                     {rates.Select(r => r.Date).ToArray()}::date[], {rates.Select(r => r.Rate).ToArray()}::numeric[])
                ON CONFLICT (base_currency, quote_currency, date) DO UPDATE SET rate = EXCLUDED.rate WHERE r.rate <> EXCLUDED.rate
                """, cancellationToken);
}
