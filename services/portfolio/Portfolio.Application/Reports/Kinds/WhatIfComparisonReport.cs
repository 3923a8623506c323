using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Modeling;
using Portfolio.Application.Persistence;
using Portfolio.Application.Reports.Rendering;
using Portfolio.Application.Risk;

namespace Portfolio.Application.Reports.Kinds;

/// <summary>
/// <c>whatIfComparison</c>: a saved what-if scenario's book before and after its trades, side by side, as it was
/// computed when the scenario was saved (a scenario never changes, so neither does its report): exposures,
/// greeks, VaR, beta and factor betas with the change of each, every limit's headroom before and after, and the
/// trades as valued. The requester must own the scenario (checked when the report was requested).
/// </summary>
internal sealed class WhatIfComparisonReport(PortfolioDb db) : IReportKind
{
    public async Task<ReportDocument> BuildAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var scenario = await db.Set<ModelingScenarioRow>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == context.ScenarioId && s.PortfolioId == context.Portfolio.Id, cancellationToken)
            ?? throw new ReportUnavailableException("The scenario no longer exists.");
        var impact = JsonSerializer.Deserialize<ImpactReport>(scenario.Impacts, RiskCalculator.Json)
            ?? throw new ReportUnavailableException("The scenario holds no impacts.");
        var (before, after, change) = (impact.Before, impact.After, impact.Change);

        List<string> header =
        [
            .. ReportSections.Header(context, impact.AsOf),
            $"Scenario: {scenario.Name} ({scenario.Id}), saved {scenario.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC with {scenario.TradeCount} trade(s)",
        ];
        return new ReportDocument($"What-if comparison: {context.Portfolio.Name}, {scenario.Name}", header,
        [
            new ReportTable("Before and after", ["figure", "before", "after", "change"],
            [
                ["positions", before.Positions, after.Positions, after.Positions - before.Positions],
                ["marketValue", before.Exposure.MarketValue, after.Exposure.MarketValue, change.MarketValue],
                ["long", before.Exposure.Long, after.Exposure.Long, change.Long],
                ["short", before.Exposure.Short, after.Exposure.Short, change.Short],
                ["net", before.Exposure.Net, after.Exposure.Net, change.Net],
                ["gross", before.Exposure.Gross, after.Exposure.Gross, change.Gross],
                ["notional", before.Exposure.Notional, after.Exposure.Notional, change.Notional],
                ["dollarDelta", before.Greeks.DollarDelta, after.Greeks.DollarDelta, change.DollarDelta],
                ["dollarGamma", before.Greeks.DollarGamma, after.Greeks.DollarGamma, change.DollarGamma],
                ["vega", before.Greeks.Vega, after.Greeks.Vega, change.Vega],
                ["theta", before.Greeks.Theta, after.Greeks.Theta, change.Theta],
                ["rho", before.Greeks.Rho, after.Greeks.Rho, change.Rho],
                ["valueAtRisk99OneDay", before.ValueAtRisk, after.ValueAtRisk, change.ValueAtRisk],
                ["betaToMarket", before.Risk?.BetaToMarket, after.Risk?.BetaToMarket, change.BetaToMarket],
            ]),
            new ReportChart("Change by figure (after − before)", ChartStyle.Bar, "change",
            [
                new ChartPoint("net", (double)change.Net),
                new ChartPoint("gross", (double)change.Gross),
                new ChartPoint("dollarDelta", (double)change.DollarDelta),
                new ChartPoint("VaR 99% 1d", (double)change.ValueAtRisk),
            ]),
            new ReportTable("Limits", ["limit", "threshold", "before", "after", "headroomBefore", "headroomAfter", "breachedBefore", "breachedAfter"],
                [.. impact.Limits.Select(l => (IReadOnlyList<object?>)[l.Limit, l.Threshold, l.Before, l.After, l.HeadroomBefore, l.HeadroomAfter, l.BreachedBefore, l.BreachedAfter])]),
            new ReportTable("Factor betas", ["factor", "before", "after", "change"],
                [.. change.Factors.Select(f => (IReadOnlyList<object?>)[f.Factor, f.Before, f.After, f.Change])]),
            new ReportTable("Trades", ["symbol", "quantity", "priced", "unitPrice", "marketValue", "dollarDelta"],
                [.. impact.Trades.Select(t => (IReadOnlyList<object?>)[t.Symbol, t.Quantity, t.Priced, t.UnitPrice, t.MarketValue, t.DollarDelta])]),
            ReportSections.Unpriced(impact.Unpriced),
        ]);
    }
}
