namespace Portfolio.Application.Risk;

/// <summary>Value at risk and expected shortfall at one confidence and horizon, as positive losses in the base currency.</summary>
public sealed record TailFigures(decimal Confidence, int HorizonDays, decimal ValueAtRisk, decimal ExpectedShortfall);

/// <summary>The scenarios behind historical VaR: that many one-day moves, between those dates.</summary>
public sealed record ScenarioWindow(int Scenarios, DateOnly? From, DateOnly? To);

public sealed record PerformanceStatisticsView(
    int Observations, decimal AnnualisedReturn, decimal AnnualisedVolatility, decimal Sharpe, decimal Sortino, decimal MaxDrawdown);

public sealed record FactorBeta(string Factor, string Proxy, decimal Beta);

/// <summary>Betas of the portfolio's daily returns to the factor proxies' returns (least squares with intercept), or why there are none.</summary>
public sealed record FactorExposure(IReadOnlyList<FactorBeta> Betas, decimal? Alpha, decimal? RSquared, int Observations, DateOnly? From, DateOnly? To, string? Unavailable);

/// <summary>
/// Historical VaR/ES with full revaluation (options repriced under each past day's moves), delta-normal VaR,
/// and the statistics of the current book's daily P&amp;L over the factor window as a return on gross exposure.
/// </summary>
public sealed record RiskFigures(
    ScenarioWindow Window,
    IReadOnlyList<TailFigures> Historical,
    IReadOnlyList<TailFigures> Parametric,
    PerformanceStatisticsView Statistics,
    decimal? BetaToMarket,
    FactorExposure Factors);

/// <summary>
/// One P&amp;L per historical scenario (oldest first) on the book's own calendar (<see cref="History"/>), and the
/// last factor window of it as daily returns on gross exposure, between <see cref="ReturnDates"/> (one more date than returns).
/// </summary>
public sealed record BookScenarios(double[] ProfitAndLoss, ScenarioWindow Window, PriceHistory History, double[] Returns, IReadOnlyList<DateOnly> ReturnDates);
