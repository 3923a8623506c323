using System.Text.Json.Serialization;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

public sealed record IndexStrategyView(
    Guid Id,
    string Name,
    string? Description,
    IReadOnlyList<string> Symbols,
    IndexWeighting Weighting,
    int VolatilityWindow,
    decimal WeightCap,
    decimal MaxTurnover,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The row version; the endpoints send it as the ETag.</summary>
    [JsonIgnore]
    public uint Version { get; init; }

    public static IndexStrategyView Of(IndexStrategy s) =>
        new(s.Id, s.Name, s.Description, s.Symbols, s.Weighting, s.VolatilityWindow, s.WeightCap, s.MaxTurnover, s.CreatedAt, s.UpdatedAt) { Version = s.Version };
}
