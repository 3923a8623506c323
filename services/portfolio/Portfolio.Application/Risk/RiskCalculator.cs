using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts.Portfolio;
using Platform.Messaging.Outbox;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Risk;

/// <summary>
/// Calculates a portfolio's risk and records it: the report and its inputs, the limits' states, and the
/// events in the same transaction (outbox). <c>PortfolioRiskCalculated</c> every time;
/// <c>RiskLimitBreached</c> only for a limit that was inside at the previous calculation (or never checked).
/// Calculations of one portfolio are serialised (advisory lock), so two at once cannot both announce a breach.
/// </summary>
public sealed class RiskCalculator(PortfolioDb db, IOptions<RiskOptions> options, TimeProvider clock, ILogger<RiskCalculator> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <param name="runHistory">A nightly batch's history of every underlying held (<c>Batch.RunHistory</c>); null reads the book's own.</param>
    public async Task<Result<RiskReport>> CalculateAsync(
        InvestmentPortfolio portfolio, string calculatedBy, CancellationToken cancellationToken, PriceHistory? runHistory = null)
    {
        var settings = options.Value;
        var market = await db.LoadMarketAsync(portfolio, settings, withHistory: true, clock, cancellationToken, runHistory: runHistory);
        var book = market.Book;
        if (book.Positions.Count == 0)
        {
            return book.Unpriced.Count == 0 ? PortfolioErrors.EmptyPortfolio : PortfolioErrors.NoPrices;
        }

        var now = clock.GetUtcNow();
        var exposure = ExposureReport.Of(portfolio.Id, portfolio.BaseCurrency, book);
        var greeks = GreeksReport.Sum(book.Positions);
        var risk = RiskAnalysis.Compute(book, market.Snapshot.History!, settings);
        var id = Guid.CreateVersion7(now);
        var valueAtRisk = RiskAnalysis.OneDay99(risk.Historical);
        var limits = RiskLimitChecks.Check(portfolio.Limits, exposure.Total, greeks, exposure.LargestName, valueAtRisk);
        var report = new RiskReport(id, portfolio.Id, portfolio.BaseCurrency, now, book.AsOf, exposure.Total, exposure.LargestName, greeks, risk, limits, book.Unpriced);
        var inputs = new RiskInputs(
            book.Positions.Count + book.Unpriced.Count,
            market.Snapshot.Closes.ToDictionary(c => c.Key, c => c.Value.Date, StringComparer.Ordinal),
            market.Snapshot.FxToBase.ToDictionary(f => f.Key, f => new FxInput(Money.Ratio(f.Value.Rate), f.Value.Date), StringComparer.Ordinal),
            risk.Window,
            settings);

        // Inside a caller's transaction (the nightly batch records its item with the calculation), join it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({portfolio.Id.ToString()}, 0))", cancellationToken);
        db.Calculations.Add(new RiskCalculationRow
        {
            Id = id, PortfolioId = portfolio.Id, CalculatedAt = now, CalculatedBy = calculatedBy, AsOf = book.AsOf, Currency = portfolio.BaseCurrency,
            MarketValue = exposure.Total.MarketValue, GrossExposure = exposure.Total.Gross, NetExposure = exposure.Total.Net,
            ValueAtRisk99OneDay = valueAtRisk, DollarDelta = greeks.DollarDelta,
            Inputs = JsonSerializer.Serialize(inputs, Json), Result = JsonSerializer.Serialize(report, Json),
        });
        await AnnounceBreachesAsync(portfolio, report, now, cancellationToken);
        db.AddIntegrationEvent(new PortfolioRiskCalculated(Guid.CreateVersion7(now), now, portfolio.Id, portfolio.OwnerId, portfolio.Name,
            valueAtRisk, 0.99m, portfolio.BaseCurrency, now), portfolio.Id);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Risk of portfolio {PortfolioId} calculated as {CalculationId}: 1-day 99% VaR {VaR} {Currency}, {Breaches} limit(s) broken",
            portfolio.Id, id, valueAtRisk, portfolio.BaseCurrency, limits.Count(l => l.Breached));
        return report;
    }

    private async Task AnnounceBreachesAsync(InvestmentPortfolio portfolio, RiskReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var states = await db.LimitStates.Where(s => s.PortfolioId == portfolio.Id).ToDictionaryAsync(s => s.Limit, StringComparer.Ordinal, cancellationToken);
        foreach (var check in report.Limits)
        {
            var wasBreached = states.TryGetValue(check.Limit, out var state) && state.Breached;
            if (check.Breached && !wasBreached)
            {
                db.AddIntegrationEvent(new RiskLimitBreached(Guid.CreateVersion7(now), now, portfolio.Id, portfolio.OwnerId, portfolio.Name,
                    check.Limit, check.Threshold, check.Actual, portfolio.BaseCurrency, check.Symbol, report.CalculationId, now), portfolio.Id);
            }

            if (state is null)
            {
                db.LimitStates.Add(new LimitStateRow { PortfolioId = portfolio.Id, Limit = check.Limit, Breached = check.Breached, ChangedAt = now, CalculationId = report.CalculationId });
            }
            else if (state.Breached != check.Breached)
            {
                (state.Breached, state.ChangedAt, state.CalculationId) = (check.Breached, now, report.CalculationId);
            }
        }

        // A limit removed since: forget its state, so setting it again later starts afresh.
        db.LimitStates.RemoveRange(states.Values.Where(s => report.Limits.All(l => l.Limit != s.Limit)));
    }
}
