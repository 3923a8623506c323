using System.Text.Json;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

/// <summary>A saved scenario: its trades and the impacts as computed when it was saved.</summary>
public sealed record ScenarioView(Guid Id, Guid SessionId, Guid PortfolioId, string Name, int TradeCount, DateTimeOffset CreatedAt, IReadOnlyList<TradeView> Trades, JsonElement? Impacts)
{
    public static ScenarioView Of(ModelingScenarioRow row, bool withImpacts) =>
        new(row.Id, row.SessionId, row.PortfolioId, row.Name, row.TradeCount, row.CreatedAt, [.. TradeJson.Read(row.Trades).Select(TradeView.Of)],
            withImpacts ? JsonDocument.Parse(row.Impacts).RootElement.Clone() : null);

    public IReadOnlyList<HypotheticalTrade> HypotheticalTrades() => [.. Trades.Select(t => new HypotheticalTrade(t.Id, t.Symbol, t.Quantity, t.Price))];
}
