using Deals.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;

namespace Deals.Application.Tickers;

/// <summary>
/// Asks marketdata again about the tickers it could not be asked about when a deal was saved, with a
/// doubling delay per ticker. A periodic pass rather than a tracked job: it runs every few seconds, finds
/// nothing most of the time, and a job row per pass would pile up (jobs have no retention yet).
/// </summary>
internal sealed class TickerVerifier(IServiceScopeFactory scopes, IOptions<MarketDataOptions> options, TimeProvider clock, ILogger<TickerVerifier> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.VerifyInterval, clock);
        try
        {
            do
            {
                try
                {
                    while (await VerifyDueAsync(stoppingToken) == options.Value.VerifyBatchSize)
                    {
                    }
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(failure, "Ticker verification pass failed; the next pass tries again");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over due tickers; returns how many it claimed.</summary>
    internal async Task<int> VerifyDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DealsDb>();
        var verification = scope.ServiceProvider.GetRequiredService<TickerVerification>();
        var settings = options.Value;
        var now = clock.GetUtcNow();
        // Claimed by moving their next check past this pass (SKIP LOCKED: replicas take different rows), so
        // no transaction is held open across the calls. Only tickers a live deal still names are asked about.
        var unverified = EnumText.Name(TickerStatus.Unverified);
        var claimed = await db.Database.SqlQuery<string>($"""
            UPDATE deals.ticker_checks SET next_check_at = {now + settings.FirstRetryDelay + settings.Timeout}
            WHERE ticker IN (
                SELECT c.ticker FROM deals.ticker_checks c
                WHERE c.status = {unverified} AND c.next_check_at <= {now}
                  AND EXISTS (SELECT 1 FROM deals.deals d WHERE d.deleted_at IS NULL AND (d.target_ticker = c.ticker OR d.acquirer_ticker = c.ticker))
                ORDER BY c.next_check_at
                LIMIT {settings.VerifyBatchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING ticker AS "Value"
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var answers = await verification.AskAsync(claimed, cancellationToken);
        var checks = await db.TickerChecks.Where(c => claimed.Contains(c.Ticker)).ToListAsync(cancellationToken);
        var answeredAt = clock.GetUtcNow();
        foreach (var check in checks)
        {
            check.Record(answers[check.Ticker], answeredAt, settings.FirstRetryDelay, settings.MaxRetryDelay);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Ticker verification: {Verified} verified, {Unknown} unknown, {Unverified} still unverified",
            checks.Count(c => c.Status == TickerStatus.Verified), checks.Count(c => c.Status == TickerStatus.Unknown), checks.Count(c => c.Status == TickerStatus.Unverified));
        return claimed.Count;
    }
}
