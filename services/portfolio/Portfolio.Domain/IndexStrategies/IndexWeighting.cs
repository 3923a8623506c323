namespace Portfolio.Domain.IndexStrategies;

/// <summary>How an index strategy sets its target weights at each rebalance.</summary>
public enum IndexWeighting
{
    /// <summary>1/n of the value in each name that has a price.</summary>
    EqualWeight,

    /// <summary>Proportional to 1/σ, σ the sample standard deviation of the name's daily returns over the trailing window.</summary>
    InverseVolatility,

    /// <summary>Proportional to market value (proxied, see <see cref="IndexWeights.Capped"/>), no name above the cap.</summary>
    CappedMarketValue,
}
