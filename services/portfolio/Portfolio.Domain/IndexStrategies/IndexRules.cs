namespace Portfolio.Domain.IndexStrategies;

/// <summary>
/// The rules a simulation follows: the weighting, the trailing window of inverse volatility, the cap per
/// name of capped market value (a fraction, 0.1 = 10%), and the most one-way turnover a monthly rebalance
/// may trade (a fraction of the index's value; 1 never binds).
/// </summary>
public sealed record IndexRules(IndexWeighting Weighting, int VolatilityWindow, double WeightCap, double MaxTurnover)
{
    public const int DefaultVolatilityWindow = 63;
    public const int MinVolatilityWindow = 5;
    public const int MaxVolatilityWindow = 756;
}
