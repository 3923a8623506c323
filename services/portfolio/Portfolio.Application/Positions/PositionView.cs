using System.Globalization;
using System.Text.Json.Serialization;
using Portfolio.Domain.Instruments;
using Portfolio.Domain.Positions;
using Portfolio.Domain.Pricing;

namespace Portfolio.Application.Positions;

public sealed record OptionView(OptionRight Right, DateOnly Expiry, decimal Strike);

public sealed record PositionView(
    Guid Id,
    Guid PortfolioId,
    string Symbol,
    string Underlying,
    PositionType Type,
    decimal Quantity,
    decimal EntryPrice,
    DateOnly EntryDate,
    string Currency,
    decimal Multiplier,
    OptionView? Option,
    IReadOnlyList<string> Tags,
    Guid? StrategyId,
    string? Notes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore]
    public uint Version { get; init; }

    [JsonIgnore]
    public string ETag => $"\"{Version.ToString(CultureInfo.InvariantCulture)}\"";

    public static PositionView Of(Position p) =>
        new(p.Id, p.PortfolioId, p.Symbol, p.Underlying, p.Type, p.Quantity, p.EntryPrice, p.EntryDate, p.Currency, p.Multiplier,
            p.Option is { } o ? new OptionView(o.Right, o.Expiry, o.Strike) : null, p.Tags, p.StrategyId, p.Notes, p.CreatedAt, p.UpdatedAt)
        { Version = p.Version };
}
