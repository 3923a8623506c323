using Platform.SharedKernel;

namespace Portfolio.Domain.Modeling;

/// <summary>
/// A what-if session on one portfolio: hypothetical trades its creator alone sees and changes. Every change
/// rewrites the row, so its version (the ETag) moves with each trade added, changed or removed. A session
/// untouched for the idle timeout has expired: it answers as if it did not exist and is removed by the cleanup.
/// </summary>
public sealed class ModelingSession : AggregateRoot
{
    public const int MaxTrades = 200;

    private ModelingSession()
    {
    }

    public Guid OwnerId { get; private set; }
    public Guid PortfolioId { get; private set; }
    public string? Name { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public IReadOnlyList<HypotheticalTrade> Trades { get; private set; } = [];

    public static ModelingSession Start(Guid ownerId, Guid portfolioId, string? name, DateTimeOffset now, TimeSpan idleTimeout) =>
        new() { Id = Guid.CreateVersion7(now), OwnerId = ownerId, PortfolioId = portfolioId, Name = name, ExpiresAt = now + idleTimeout };

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    public Result<HypotheticalTrade> AddTrade(string symbol, decimal quantity, decimal? price, DateTimeOffset now, TimeSpan idleTimeout)
    {
        if (Trades.Count >= MaxTrades)
        {
            return ModelingErrors.TooManyTrades;
        }

        var trade = new HypotheticalTrade(Guid.CreateVersion7(now), symbol, quantity, price);
        Trades = [.. Trades, trade];
        Touch(now, idleTimeout);
        return trade;
    }

    public Result<HypotheticalTrade> ChangeTrade(Guid tradeId, string symbol, decimal quantity, decimal? price, DateTimeOffset now, TimeSpan idleTimeout)
    {
        if (Trades.All(t => t.Id != tradeId))
        {
            return ModelingErrors.TradeNotFound;
        }

        var changed = new HypotheticalTrade(tradeId, symbol, quantity, price);
        Trades = [.. Trades.Select(t => t.Id == tradeId ? changed : t)];
        Touch(now, idleTimeout);
        return changed;
    }

    public Result RemoveTrade(Guid tradeId, DateTimeOffset now, TimeSpan idleTimeout)
    {
        if (Trades.All(t => t.Id != tradeId))
        {
            return ModelingErrors.TradeNotFound;
        }

        Trades = [.. Trades.Where(t => t.Id != tradeId)];
        Touch(now, idleTimeout);
        return Result.Ok();
    }

    /// <summary>Reading or calculating counts as activity too: the idle clock restarts.</summary>
    public void Touch(DateTimeOffset now, TimeSpan idleTimeout) => ExpiresAt = now + idleTimeout;
}
