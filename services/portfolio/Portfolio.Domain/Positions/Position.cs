using Platform.SharedKernel;
using Portfolio.Domain.Instruments;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Positions;

/// <summary>A holding in one portfolio. Its owner is the portfolio's, copied so every read can filter by it without a join.</summary>
public sealed class Position : AggregateRoot, ISoftDeletable, IAudited
{
    private Position()
    {
    }

    public Guid PortfolioId { get; private set; }
    public Guid OwnerId { get; private set; }
    public string Symbol { get; private set; } = null!;
    public string Underlying { get; private set; } = null!;
    public PositionType Type { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal EntryPrice { get; private set; }
    public DateOnly EntryDate { get; private set; }
    public string Currency { get; private set; } = null!;
    public decimal Multiplier { get; private set; }
    public OptionRight? Right { get; private set; }
    public DateOnly? Expiry { get; private set; }
    public decimal? Strike { get; private set; }
    public string[] Tags { get; private set; } = [];
    public Guid? StrategyId { get; private set; }
    public string? Notes { get; private set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public bool IsOption => Right is not null;

    public OptionTerms? Option => Right is { } right ? new OptionTerms(right, Expiry!.Value, Strike!.Value) : null;

    public static Position Open(InvestmentPortfolio portfolio, PositionTerms terms)
    {
        var position = new Position { Id = Guid.CreateVersion7(), PortfolioId = portfolio.Id, OwnerId = portfolio.OwnerId };
        position.Apply(terms);
        return position;
    }

    public Result Change(Caller caller, PositionTerms terms)
    {
        if (!caller.MayChange(OwnerId))
        {
            return PortfolioErrors.NotOwner;
        }

        Apply(terms);
        return Result.Ok();
    }

    public Result Close(Caller caller, DateTimeOffset now)
    {
        if (!caller.MayChange(OwnerId))
        {
            return PortfolioErrors.NotOwner;
        }

        DeletedAt = now;
        return Result.Ok();
    }

    private void Apply(PositionTerms terms)
    {
        Symbol = terms.Symbol;
        Underlying = terms.Underlying;
        Type = terms.Type;
        Quantity = terms.Quantity;
        EntryPrice = terms.EntryPrice;
        EntryDate = terms.EntryDate;
        Currency = terms.Currency;
        Multiplier = terms.Multiplier;
        Right = terms.Option?.Right;
        Expiry = terms.Option?.Expiry;
        Strike = terms.Option?.Strike;
        Tags = [.. terms.Tags];
        StrategyId = terms.StrategyId;
        Notes = terms.Notes;
    }
}
