using Platform.SharedKernel;

namespace Portfolio.Domain.Positions;

/// <summary>A named group of positions in one portfolio that are managed as one trade (a covered call, a straddle ...).</summary>
public sealed class PositionStrategy : AggregateRoot, IAudited
{
    private PositionStrategy()
    {
    }

    public Guid PortfolioId { get; private set; }
    public string Name { get; private set; } = null!;
    public StrategyKind Kind { get; private set; }
    public string? Description { get; private set; }

    public static PositionStrategy Create(Guid portfolioId, string name, StrategyKind kind, string? description) =>
        new() { Id = Guid.CreateVersion7(), PortfolioId = portfolioId, Name = name, Kind = kind, Description = description };

    public void Change(string name, StrategyKind kind, string? description)
    {
        Name = name;
        Kind = kind;
        Description = description;
    }
}
