using System.Globalization;
using System.Text.Json.Serialization;
using Portfolio.Application.Positions;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

public sealed record TradeView(Guid Id, string Symbol, string Underlying, string Side, decimal Quantity, decimal? Price)
{
    public static TradeView Of(HypotheticalTrade t) =>
        new(t.Id, t.Symbol, PositionSymbol.TryParse(t.Symbol, out var s, out _) ? s.Underlying : t.Symbol, t.Quantity > 0 ? TradeInput.Buy : TradeInput.Sell, t.Quantity, t.Price);
}

public sealed record SessionView(Guid Id, Guid PortfolioId, string? Name, IReadOnlyList<TradeView> Trades, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    [JsonIgnore]
    public uint Version { get; init; }

    [JsonIgnore]
    public string ETag => $"\"{Version.ToString(CultureInfo.InvariantCulture)}\"";

    public static SessionView Of(ModelingSession s) =>
        new(s.Id, s.PortfolioId, s.Name, [.. s.Trades.Select(TradeView.Of)], s.ExpiresAt, s.CreatedAt, s.UpdatedAt) { Version = s.Version };
}
