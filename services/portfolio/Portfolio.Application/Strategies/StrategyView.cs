using Portfolio.Domain.Positions;

namespace Portfolio.Application.Strategies;

/// <summary>A strategy with the positions grouped under it.</summary>
public sealed record StrategyView(Guid Id, Guid PortfolioId, string Name, StrategyKind Kind, string? Description, IReadOnlyList<Guid> PositionIds)
{
    public static StrategyView Of(PositionStrategy s, IReadOnlyList<Guid> positionIds) => new(s.Id, s.PortfolioId, s.Name, s.Kind, s.Description, positionIds);
}
