using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Risk;

/// <summary>Checks a portfolio's limits against a calculation's figures; a limit not set is not checked.</summary>
public static class RiskLimitChecks
{
    public static IReadOnlyList<LimitCheck> Check(RiskLimits limits, ExposureFigures exposure, GreekFigures greeks, Concentration? largest, decimal valueAtRisk)
    {
        var checks = new List<LimitCheck>();
        Add(checks, RiskLimits.Names.GrossExposure, limits.GrossExposure, exposure.Gross, null);
        Add(checks, RiskLimits.Names.NetExposure, limits.NetExposure, Math.Abs(exposure.Net), null);
        Add(checks, RiskLimits.Names.ValueAtRisk, limits.ValueAtRisk, valueAtRisk, null);
        Add(checks, RiskLimits.Names.Concentration, limits.ConcentrationPercent, largest?.PercentOfGross ?? 0m, largest?.Underlying);
        Add(checks, RiskLimits.Names.DollarDelta, limits.DollarDelta, Math.Abs(greeks.DollarDelta), null);
        return checks;
    }

    private static void Add(List<LimitCheck> checks, string name, decimal? threshold, decimal actual, string? symbol)
    {
        if (threshold is { } limit)
        {
            checks.Add(new LimitCheck(name, limit, actual, actual > limit, symbol));
        }
    }
}
