using Portfolio.Application.Market;
using Portfolio.Domain.Risk.Revaluation;
using Portfolio.Domain.Risk.Statistics;

namespace Portfolio.Application.Risk;

/// <summary>
/// The figures that need history. Scenarios: the last <see cref="RiskOptions.Scenarios"/> daily returns of
/// the book's underlyings on their own calendar; each scenario applies one past day's returns to today's book:
/// stocks move linearly, options are repriced with Black-Scholes (volatility and rates held, one day less
/// to expiry). 10-day figures scale the 1-day ones by √10. FX is held at today's rate in every scenario.
/// </summary>
public static class RiskAnalysis
{
    public static readonly decimal[] Confidences = [0.95m, 0.99m];
    public static readonly int[] Horizons = [1, 10];

    /// <summary>Everything a recorded calculation reports: tails, delta-normal VaR, statistics and factors.</summary>
    public static RiskFigures Compute(ValuedBook book, PriceHistory loaded, RiskOptions options)
    {
        var scenarios = Scenarios(book, loaded, options);
        var historical = new List<TailFigures>();
        var parametric = new List<TailFigures>();
        var bookVariance = DeltaNormalVariance(book, scenarios.History, options);
        foreach (var horizon in Horizons)
        {
            foreach (var confidence in Confidences)
            {
                if (scenarios.ProfitAndLoss.Length > 0)
                {
                    var tail = HistoricalVar.FromProfitAndLoss(scenarios.ProfitAndLoss, (double)confidence);
                    historical.Add(new TailFigures(confidence, horizon,
                        Money.Round(HistoricalVar.ScaleToHorizon(tail.ValueAtRisk, horizon)), Money.Round(HistoricalVar.ScaleToHorizon(tail.ExpectedShortfall, horizon))));
                }

                if (bookVariance is { } variance)
                {
                    var normal = ParametricVar.FromVariance(variance, (double)confidence, horizon);
                    parametric.Add(new TailFigures(confidence, horizon, Money.Round(normal), Money.Round(normal)));
                }
            }
        }

        return new RiskFigures(scenarios.Window, historical, parametric, Statistics(scenarios, options), MarketBeta(scenarios, loaded), Factors(scenarios, loaded));
    }

    /// <summary>
    /// The book's scenario P&amp;L, and its last <see cref="RiskOptions.FactorWindow"/> days as returns on gross
    /// exposure with the dates they run between: what statistics and factors are computed from.
    /// </summary>
    public static BookScenarios Scenarios(ValuedBook book, PriceHistory loaded, RiskOptions options)
    {
        // Scenarios are the days on which the book's own underlyings traded, whatever else was loaded.
        var history = loaded.For([.. book.Positions.Select(p => p.Position.Underlying).Distinct(StringComparer.Ordinal)]);
        var pnl = ScenarioProfitAndLoss(book, history, options, out var scenarioCount);
        var dates = history.Dates;
        var window = new ScenarioWindow(scenarioCount, scenarioCount > 0 ? dates[^scenarioCount] : null, scenarioCount > 0 ? dates[^1] : null);
        var gross = book.Positions.Sum(p => Math.Abs(p.DollarDelta));
        var recent = pnl.Length > options.FactorWindow ? pnl[^options.FactorWindow..] : pnl;
        var returns = gross > 0 ? recent.Select(x => x / gross).ToArray() : new double[recent.Length];
        return new BookScenarios(pnl, window, history, returns, [.. dates.Skip(dates.Count - returns.Length - 1)]);
    }

    /// <summary>The 1-day 99% historical VaR: what <c>PortfolioRiskCalculated</c> carries and the VaR limit bounds (0 without scenarios).</summary>
    public static decimal OneDay99(IReadOnlyList<TailFigures> historical) =>
        historical.FirstOrDefault(t => t.HorizonDays == 1 && t.Confidence == 0.99m)?.ValueAtRisk ?? 0m;

    /// <summary>One P&amp;L per scenario, oldest first, from full revaluation of the book.</summary>
    public static double[] ScenarioProfitAndLoss(ValuedBook book, PriceHistory history, RiskOptions options, out int scenarioCount)
    {
        var (revaluation, spots, index) = RevaluationOf(book, options);
        scenarioCount = Math.Min(options.Scenarios, Math.Max(history.Dates.Count - 1, 0));
        if (scenarioCount == 0 || index.Count == 0)
        {
            scenarioCount = 0;
            return [];
        }

        var scenarios = new ScenarioSet(spots, scenarioCount);
        foreach (var (underlying, u) in index)
        {
            var returns = history.Returns(underlying, scenarioCount);
            for (var s = 0; s < scenarioCount; s++)
            {
                scenarios.Returns[(s * index.Count) + u] = returns[s];
            }
        }

        var pnl = new double[scenarioCount];
        FullRevaluation.ProfitAndLoss(revaluation, scenarios, pnl, horizonDays: 1);
        return pnl;
    }

    /// <summary>The book's P&amp;L if every underlying moved at once by each of <paramref name="shocks"/> (instantaneous, full revaluation).</summary>
    public static double[] UniformShockProfitAndLoss(ValuedBook book, RiskOptions options, IReadOnlyList<double> shocks)
    {
        var (revaluation, spots, index) = RevaluationOf(book, options);
        var pnl = new double[shocks.Count];
        if (index.Count == 0 || shocks.Count == 0)
        {
            return pnl;
        }

        var scenarios = new ScenarioSet(spots, shocks.Count);
        for (var s = 0; s < shocks.Count; s++)
        {
            scenarios.Returns.AsSpan(s * index.Count, index.Count).Fill(shocks[s]);
        }

        FullRevaluation.ProfitAndLoss(revaluation, scenarios, pnl, horizonDays: 0);
        return pnl;
    }

    private static (RevaluationBook Book, double[] Spots, Dictionary<string, int> Index) RevaluationOf(ValuedBook book, RiskOptions options)
    {
        var underlyings = book.Positions.Select(p => p.Position.Underlying).Distinct(StringComparer.Ordinal).ToList();
        var index = underlyings.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i, StringComparer.Ordinal);
        var spots = new double[underlyings.Count];
        var revaluation = new RevaluationBook(underlyings.Count);
        foreach (var p in book.Positions)
        {
            var u = index[p.Position.Underlying];
            spots[u] = p.Spot;
            var units = p.Units * p.Fx;
            if (p.Position.Option is { } option)
            {
                revaluation.AddOption(u, option.Right, (double)option.Strike, p.TimeToExpiry, options.RiskFreeRate, options.DividendYield, p.Volatility, units);
            }
            else
            {
                revaluation.AddLinear(u, units);
            }
        }

        return (revaluation, spots, index);
    }

    // Delta-normal: one risk factor per underlying, its dollar delta as exposure.
    /// <summary>eᵀΣe of the book's dollar deltas per underlying over the scenario window; null without two returns.</summary>
    private static double? DeltaNormalVariance(ValuedBook book, PriceHistory history, RiskOptions options)
    {
        var byUnderlying = book.Positions.GroupBy(p => p.Position.Underlying, StringComparer.Ordinal)
            .Select(g => (Underlying: g.Key, Exposure: g.Sum(p => p.DollarDelta))).ToList();
        var count = Math.Min(options.Scenarios, Math.Max(history.Dates.Count - 1, 0));
        if (byUnderlying.Count == 0 || count < 2)
        {
            return null;
        }

        var series = byUnderlying.Select(u => history.Returns(u.Underlying, count)).ToList();
        return ParametricVar.BookVariance([.. byUnderlying.Select(u => u.Exposure)], series);
    }

    public static PerformanceStatisticsView Statistics(BookScenarios scenarios, RiskOptions options)
    {
        var figures = PerformanceStatistics.FromDailyReturns(scenarios.Returns, options.RiskFreeRate);
        return new PerformanceStatisticsView(figures.Observations, Money.Ratio(figures.AnnualisedReturn), Money.Ratio(figures.AnnualisedVolatility),
            Money.Ratio(figures.Sharpe), Money.Ratio(figures.Sortino), Money.Ratio(figures.MaxDrawdown));
    }

    // The proxies' returns are taken between the same dates as the book's, so each pair of returns is one day.
    public static decimal? MarketBeta(BookScenarios scenarios, PriceHistory history)
    {
        var (returns, dates) = (scenarios.Returns, scenarios.ReturnDates);
        if (!history.Has(FactorProxies.Market) || returns.Length < 3)
        {
            return null;
        }

        try
        {
            return Money.Ratio(FactorRegression.Fit(returns, [history.ReturnsOn(FactorProxies.Market, dates)]).Betas[0]);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static FactorExposure Factors(BookScenarios scenarios, PriceHistory history)
    {
        var (returns, dates, window) = (scenarios.Returns, scenarios.ReturnDates, scenarios.Window);
        var proxies = FactorProxies.All.Where(f => history.Has(f.Etf)).ToList();
        if (proxies.Count < FactorProxies.All.Count)
        {
            var missing = string.Join(", ", FactorProxies.Etfs.Where(e => !history.Has(e)));
            return new FactorExposure([], null, null, 0, null, null, $"No stored history yet for the factor proxies {missing}.");
        }

        try
        {
            var fit = FactorRegression.Fit(returns, [.. proxies.Select(f => history.ReturnsOn(f.Etf, dates))]);
            return new FactorExposure(
                [.. proxies.Select((f, i) => new FactorBeta(f.Factor, f.Etf, Money.Ratio(fit.Betas[i])))],
                Money.Ratio(fit.Alpha), Money.Ratio(fit.RSquared), fit.Observations,
                returns.Length > 0 ? dates[1] : null, window.To, null);
        }
        catch (ArgumentException e)
        {
            return new FactorExposure([], null, null, returns.Length, null, null, $"The regression cannot be fitted: {e.Message}");
        }
    }
}
