namespace Portfolio.Domain.Risk.Revaluation;

/// <summary>Historical scenarios: per scenario, one simple return per underlying (S′ = S·(1 + r)).</summary>
public sealed class ScenarioSet
{
    private readonly double[] spots;

    public ScenarioSet(double[] spots, int scenarioCount)
    {
        ArgumentNullException.ThrowIfNull(spots);
        ArgumentOutOfRangeException.ThrowIfNegative(scenarioCount);
        this.spots = (double[])spots.Clone();
        ScenarioCount = scenarioCount;
        Returns = new double[scenarioCount * spots.Length];
    }

    public int UnderlyingCount => spots.Length;

    public int ScenarioCount { get; }

    /// <summary>Current price per underlying.</summary>
    public ReadOnlySpan<double> Spots => spots;

    /// <summary>Indexed [scenario × UnderlyingCount + underlying].</summary>
    public double[] Returns { get; }
}
