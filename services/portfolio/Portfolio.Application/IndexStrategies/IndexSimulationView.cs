using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

public sealed record IndexPointView(DateOnly Date, decimal Value);

public sealed record IndexAllocationView(string Symbol, decimal Weight, decimal Target);

/// <summary>A rebalance: weights held after it and the rule's target; one-way turnover needed and traded (less when the limit binds).</summary>
public sealed record IndexRebalanceView(DateOnly Date, bool Initial, decimal TargetTurnover, decimal Turnover, bool TurnoverLimited, IReadOnlyList<IndexAllocationView> Allocations);

/// <summary>Returns and ratios as fractions (0.05 = 5%); <c>annualisedReturn</c> is null when annualising a short period gives a number too large to mean anything.</summary>
public sealed record IndexStatisticsView(
    int TradingDays,
    decimal StartValue,
    decimal EndValue,
    decimal TotalReturn,
    decimal? AnnualisedReturn,
    decimal AnnualisedVolatility,
    decimal Sharpe,
    decimal MaxDrawdown,
    DateOnly? DrawdownPeakDate,
    DateOnly? DrawdownTroughDate,
    DateOnly? DrawdownRecoveryDate);

/// <summary>A currency's rates used: from which pair, from and to which date, and whether days before the first rate took it.</summary>
public sealed record FxUsedView(string Currency, DateOnly FirstRateDate, DateOnly LastRateDate, bool CarriedBackBeforeFirstRate);

/// <summary>What the figures rest on, so a reader can reproduce them.</summary>
public sealed record SimulationAssumptionsView(decimal RiskFreeRate, string Prices, string? MarketValueProxy, DateOnly DataThrough, IReadOnlyList<FxUsedView> Fx);

public sealed record IndexSimulationView(
    Guid StrategyId,
    string Name,
    IndexWeighting Weighting,
    decimal Amount,
    string Currency,
    DateOnly RequestedStartDate,
    DateOnly StartDate,
    DateOnly EndDate,
    DateTimeOffset ComputedAt,
    IndexStatisticsView Statistics,
    SimulationAssumptionsView Assumptions,
    IReadOnlyList<IndexRebalanceView> Rebalances,
    IReadOnlyList<IndexPointView> Path);
