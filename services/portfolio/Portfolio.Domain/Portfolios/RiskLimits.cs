namespace Portfolio.Domain.Portfolios;

/// <summary>
/// A portfolio's risk limits; null means no limit. Money amounts are in the portfolio's base
/// currency; <see cref="ConcentrationPercent"/> is the largest share one name may take of gross exposure.
/// </summary>
public sealed record RiskLimits(
    decimal? GrossExposure = null,
    decimal? NetExposure = null,
    decimal? ValueAtRisk = null,
    decimal? ConcentrationPercent = null,
    decimal? DollarDelta = null)
{
    public static readonly RiskLimits None = new();

    /// <summary>Limit names as events and alerts spell them.</summary>
    public static class Names
    {
        public const string GrossExposure = "grossExposure";
        public const string NetExposure = "netExposure";
        public const string ValueAtRisk = "valueAtRisk";
        public const string Concentration = "concentration";
        public const string DollarDelta = "dollarDelta";
    }
}
