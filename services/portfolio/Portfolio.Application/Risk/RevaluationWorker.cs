using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>
/// Recalculates the portfolios that <c>PricesUpdated</c> marked, at most every <see cref="RiskOptions.RevaluationInterval"/>:
/// marks made meanwhile coalesce, so a burst of intraday ticks costs one calculation per portfolio.
/// Replicas take different marks (SKIP LOCKED).
/// </summary>
internal sealed class RevaluationWorker(IServiceScopeFactory scopes, RevaluationSignal signal, IOptions<RiskOptions> options, ILogger<RevaluationWorker> logger)
    : BackgroundService
{
    private const int Batch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await signal.WaitAsync(options.Value.RevaluationInterval, stoppingToken);
                try
                {
                    while (await RevalueAsync(stoppingToken) == Batch)
                    {
                    }
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(failure, "Revaluation pass failed; the next price update marks the portfolios again");
                }

                await Task.Delay(options.Value.RevaluationInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task<int> RevalueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var portfolioIds = await db.TakeMarksAsync(Batch, cancellationToken);
        foreach (var id in portfolioIds)
        {
            await using var calculation = scopes.CreateAsyncScope();
            var calculationDb = calculation.ServiceProvider.GetRequiredService<PortfolioDb>();
            if (await calculationDb.Portfolios.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } portfolio)
            {
                continue;
            }

            var result = await calculation.ServiceProvider.GetRequiredService<RiskCalculator>().CalculateAsync(portfolio, "system:prices-updated", cancellationToken);
            if (!result.IsSuccess)
            {
                logger.LogDebug("Portfolio {PortfolioId} not revalued: {Reason}", id, result.Error!.Message);
            }
        }

        return portfolioIds.Count;
    }
}
