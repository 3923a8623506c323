using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Application.Risk;

namespace Portfolio.Application.Batch;

/// <summary>
/// The daily history a fanned-out run (snapshots, risk-metrics) values every portfolio against, loaded once per
/// run and replica: every underlying held and the factor proxies over the scenario window. Loading it per
/// portfolio read the same 100,000 closes a thousand times over (both jobs were bound by that;
/// docs/benchmarks.md). Each portfolio's figures take their own symbols from it (<see cref="PriceHistory"/>'s
/// <c>For</c>), on their own calendar, so they are the figures an on-demand calculation gives.
/// </summary>
public sealed class RunHistory(IOptions<RiskOptions> options)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private (Guid JobId, PriceHistory History)? _current;

    public async Task<PriceHistory> ForRunAsync(PortfolioDb db, Guid jobId, CancellationToken cancellationToken)
    {
        if (_current is { } current && current.JobId == jobId)
        {
            return current.History;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } loaded && loaded.JobId == jobId)
            {
                return loaded.History;
            }

            var held = await db.Positions.AsNoTracking().Select(p => p.Underlying).Distinct().ToListAsync(cancellationToken);
            var symbols = held.Concat(FactorProxies.Etfs).Distinct(StringComparer.Ordinal).ToArray();
            var days = options.Value.HistoryDays;
            var history = await PriceHistory.LoadAsync(db, symbols, days, cancellationToken);
            _current = (jobId, history);
            return history;
        }
        finally
        {
            _loading.Release();
        }
    }
}
