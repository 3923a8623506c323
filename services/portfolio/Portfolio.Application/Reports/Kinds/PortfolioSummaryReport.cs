using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Reports.Rendering;
using Portfolio.Application.Risk;

namespace Portfolio.Application.Reports.Kinds;

/// <summary>
/// <c>portfolioSummary</c>: totals, positions with market values and greeks, exposures by type, sector, tag and
/// underlying (top names), total greeks, and the P&amp;L history of the period. Figures are those of the exposures
/// and greeks endpoints at the same prices.
/// </summary>
internal sealed class PortfolioSummaryReport(PortfolioDb db, IOptions<RiskOptions> options, TimeProvider clock) : IReportKind
{
    private const int TopNames = 10;

    public async Task<ReportDocument> BuildAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var portfolio = context.Portfolio;
        var market = await db.LoadMarketAsync(portfolio, options.Value, withHistory: false, clock, cancellationToken);
        var exposure = ExposureReport.Of(portfolio.Id, portfolio.BaseCurrency, market.Book);
        var greeks = GreeksReport.Of(portfolio.Id, portfolio.BaseCurrency, market.Book);
        var history = await ReportHistory.ReadAsync(db, portfolio.Id, context.From, context.To, cancellationToken);
        var greeksById = greeks.ByPosition.ToDictionary(g => g.PositionId);
        var quantities = market.Book.Positions.ToDictionary(p => p.Position.Id, p => p.Position.Quantity);
        var total = exposure.Total;

        return new ReportDocument($"Portfolio summary: {portfolio.Name}", ReportSections.Header(context, exposure.AsOf),
        [
            new ReportTable("Totals", ["figure", "value"],
            [
                ["positions", total.Positions],
                ["marketValue", total.MarketValue],
                ["long", total.Long],
                ["short", total.Short],
                ["net", total.Net],
                ["gross", total.Gross],
                ["notional", total.Notional],
                ["largestName", exposure.LargestName?.Underlying],
                ["largestNamePercentOfGross", exposure.LargestName?.PercentOfGross],
            ]),
            ReportSections.ExposureChart("Net exposure by sector", exposure.BySector),
            ReportSections.ProfitAndLossChart(history),
            ReportSections.Exposures("Exposure by type", exposure.ByType),
            ReportSections.Exposures("Exposure by sector", exposure.BySector),
            ReportSections.Exposures("Exposure by tag", exposure.ByTag),
            ReportSections.Exposures($"Top names (the {TopNames} largest underlyings by gross exposure)", exposure.ByUnderlying, TopNames),
            new ReportTable("Greeks (total)", ["dollarDelta", "dollarGamma", "vega", "theta", "rho"],
                [[greeks.Total.DollarDelta, greeks.Total.DollarGamma, greeks.Total.Vega, greeks.Total.Theta, greeks.Total.Rho]]),
            new ReportTable("Positions", ["positionId", "symbol", "underlying", "type", "quantity", "marketValue", "deltaAdjusted", "notional", "weightPercent", "dollarDelta", "dollarGamma", "vega", "theta"],
                [.. exposure.ByPosition.Select(p =>
                {
                    var g = greeksById[p.PositionId].Greeks;
                    return (IReadOnlyList<object?>)[p.PositionId.ToString(), p.Symbol, p.Underlying, EnumText.Name(p.Type), quantities[p.PositionId],
                        p.MarketValue, p.DeltaAdjusted, p.Notional, p.WeightPercent, g.DollarDelta, g.DollarGamma, g.Vega, g.Theta];
                })]),
            ReportSections.Unpriced(exposure.Unpriced),
        ]);
    }
}
