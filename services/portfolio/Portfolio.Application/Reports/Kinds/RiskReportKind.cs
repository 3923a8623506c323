using System.Globalization;
using Microsoft.Extensions.Options;
using Portfolio.Application.Persistence;
using Portfolio.Application.Reports.Rendering;
using Portfolio.Application.Risk;

namespace Portfolio.Application.Reports.Kinds;

/// <summary>
/// <c>riskReport</c>: historical and delta-normal VaR and ES, every limit with its headroom, statistics and factor
/// betas, stress scenarios (uniform moves of every underlying, and the book's worst historical days), the VaR and
/// P&amp;L history and the recorded calculations of the period. Computed now at the stored prices, as a calculation
/// would, but nothing is recorded and no event is published.
/// </summary>
internal sealed class RiskReportKind(PortfolioDb db, IOptions<RiskOptions> options, TimeProvider clock) : IReportKind
{
    public static readonly double[] UniformShocks = [-0.20, -0.10, -0.05, 0.05, 0.10];
    private const int WorstDays = 5;

    public async Task<ReportDocument> BuildAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var portfolio = context.Portfolio;
        var settings = options.Value;
        var market = await db.LoadMarketAsync(portfolio, settings, withHistory: true, clock, cancellationToken);
        var book = market.Book;
        if (book.Positions.Count == 0)
        {
            throw new ReportUnavailableException(book.Unpriced.Count == 0
                ? "The portfolio has no positions: there is no risk to report."
                : "None of the portfolio's positions has a stored price or FX rate: there is no risk to report.");
        }

        var exposure = ExposureReport.Of(portfolio.Id, portfolio.BaseCurrency, book);
        var greeks = GreeksReport.Sum(book.Positions);
        var risk = RiskAnalysis.Compute(book, market.Snapshot.History!, settings);
        var limits = RiskLimitChecks.Check(portfolio.Limits, exposure.Total, greeks, exposure.LargestName, RiskAnalysis.OneDay99(risk.Historical));
        var history = await ReportHistory.ReadAsync(db, portfolio.Id, context.From, context.To, cancellationToken);
        var marketValue = (double)exposure.Total.MarketValue;

        return new ReportDocument($"Risk report: {portfolio.Name}", ReportSections.Header(context, book.AsOf),
        [
            new ReportTable("Value at risk and expected shortfall", ["method", "confidence", "horizonDays", "valueAtRisk", "expectedShortfall"],
                [.. Tails("historical", risk.Historical), .. Tails("deltaNormal", risk.Parametric)]),
            new ReportTable("Limits", ["limit", "threshold", "actual", "headroom", "breached", "symbol"],
                [.. limits.Select(l => (IReadOnlyList<object?>)[l.Limit, l.Threshold, l.Actual, l.Threshold - l.Actual, l.Breached, l.Symbol])]),
            ReportSections.ValueAtRiskChart(history),
            ReportSections.ProfitAndLossChart(history),
            new ReportTable("Statistics (the current book over the factor window)", ["figure", "value"],
            [
                ["observations", risk.Statistics.Observations],
                ["annualisedReturn", risk.Statistics.AnnualisedReturn],
                ["annualisedVolatility", risk.Statistics.AnnualisedVolatility],
                ["sharpe", risk.Statistics.Sharpe],
                ["sortino", risk.Statistics.Sortino],
                ["maxDrawdown", risk.Statistics.MaxDrawdown],
                ["betaToMarket", risk.BetaToMarket],
            ]),
            FactorTable(risk.Factors),
            new ReportTable("Stress scenarios", ["scenario", "date", "profitAndLoss", "percentOfMarketValue"],
                [.. StressRows(book, settings, market.Snapshot.History!, marketValue)]),
            ReportSections.ExposureChart("Net exposure by underlying (largest 20)", exposure.ByUnderlying),
            ReportSections.Calculations(history),
            ReportSections.Unpriced(book.Unpriced),
        ]);
    }

    private static IEnumerable<IReadOnlyList<object?>> Tails(string method, IReadOnlyList<TailFigures> tails) =>
        tails.Select(t => (IReadOnlyList<object?>)[method, t.Confidence, t.HorizonDays, t.ValueAtRisk, t.ExpectedShortfall]);

    private static ReportTable FactorTable(FactorExposure factors)
    {
        List<IReadOnlyList<object?>> rows = [.. factors.Betas.Select(b => (IReadOnlyList<object?>)[b.Factor, b.Proxy, b.Beta])];
        rows.Add(["alpha", null, factors.Alpha]);
        rows.Add(["rSquared", null, factors.RSquared]);
        var title = factors.Unavailable is { } reason
            ? $"Factor betas: unavailable ({reason})"
            : $"Factor betas ({factors.Observations} daily returns, {factors.From:yyyy-MM-dd} to {factors.To:yyyy-MM-dd})";
        return new ReportTable(title, ["factor", "proxy", "beta"], rows);
    }

    // Uniform moves of every underlying at once (options fully repriced), then the worst days of the book's own history.
    private static IEnumerable<IReadOnlyList<object?>> StressRows(ValuedBook book, RiskOptions settings, PriceHistory history, double marketValue)
    {
        var shocked = RiskAnalysis.UniformShockProfitAndLoss(book, settings, UniformShocks);
        for (var i = 0; i < UniformShocks.Length; i++)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"every underlying {UniformShocks[i]:+0%;-0%}");
            yield return [label, null, Money.Round(shocked[i]), Percent(shocked[i], marketValue)];
        }

        var scenarios = RiskAnalysis.Scenarios(book, history, settings);
        var dates = scenarios.History.Dates;
        var count = scenarios.ProfitAndLoss.Length;
        foreach (var (pnl, s) in scenarios.ProfitAndLoss.Select((pnl, s) => (pnl, s)).OrderBy(x => x.pnl).Take(WorstDays))
        {
            yield return ["worst historical day", dates[dates.Count - count + s], Money.Round(pnl), Percent(pnl, marketValue)];
        }
    }

    private static decimal? Percent(double pnl, double marketValue) => marketValue == 0 ? null : Money.Ratio(100 * pnl / marketValue);
}
