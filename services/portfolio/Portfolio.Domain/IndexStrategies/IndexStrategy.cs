using Platform.SharedKernel;

namespace Portfolio.Domain.IndexStrategies;

/// <summary>
/// An index definition one user owns: a basket of symbols and the rules of its weighting and monthly
/// rebalancing. Only its owner sees it; simulations of it are cached against its <see cref="AggregateRoot.Version"/>.
/// </summary>
public sealed class IndexStrategy : AggregateRoot, ISoftDeletable, IAudited
{
    private IndexStrategy()
    {
    }

    public Guid OwnerId { get; private set; }
    public string Name { get; private set; } = null!;
    public string? Description { get; private set; }
    public string[] Symbols { get; private set; } = [];
    public IndexWeighting Weighting { get; private set; }
    public int VolatilityWindow { get; private set; } = IndexRules.DefaultVolatilityWindow;

    /// <summary>Largest weight of one name under <see cref="IndexWeighting.CappedMarketValue"/>, a fraction.</summary>
    public decimal WeightCap { get; private set; } = 1m;

    /// <summary>Most one-way turnover per rebalance, a fraction of the index's value.</summary>
    public decimal MaxTurnover { get; private set; } = 1m;

    public DateTimeOffset? DeletedAt { get; set; }

    public IndexRules Rules => new(Weighting, VolatilityWindow, (double)WeightCap, (double)MaxTurnover);

    public static IndexStrategy Create(Guid ownerId, string name, string? description, IReadOnlyList<string> symbols, IndexWeighting weighting,
        int volatilityWindow, decimal weightCap, decimal maxTurnover)
    {
        var strategy = new IndexStrategy { Id = Guid.CreateVersion7(), OwnerId = ownerId };
        strategy.Change(name, description, symbols, weighting, volatilityWindow, weightCap, maxTurnover);
        return strategy;
    }

    public void Change(string name, string? description, IReadOnlyList<string> symbols, IndexWeighting weighting,
        int volatilityWindow, decimal weightCap, decimal maxTurnover)
    {
        Name = name;
        Description = description;
        Symbols = [.. symbols];
        Weighting = weighting;
        VolatilityWindow = volatilityWindow;
        WeightCap = weightCap;
        MaxTurnover = maxTurnover;
    }

    public void Delete(DateTimeOffset now) => DeletedAt = now;
}
