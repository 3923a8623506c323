using Portfolio.Domain.Instruments;

namespace Portfolio.Application.Risk;

/// <summary>
/// Sensitivities in money of the base currency: dollar delta (P&amp;L per unit move of the underlying × spot,
/// i.e. exposure), gamma as the change of dollar delta for a 1% move, vega per volatility point, theta per
/// calendar day, rho per rate point. Stocks contribute delta only.
/// </summary>
public sealed record GreekFigures(decimal DollarDelta, decimal DollarGamma, decimal Vega, decimal Theta, decimal Rho);

public sealed record PositionGreeks(
    Guid PositionId, string Symbol, PositionType Type, decimal UnitPrice, decimal? Volatility, VolatilitySource? VolatilitySource, decimal? TimeToExpiry, GreekFigures Greeks);

public sealed record GreeksReport(Guid PortfolioId, string Currency, DateOnly AsOf, GreekFigures Total, IReadOnlyList<PositionGreeks> ByPosition, IReadOnlyList<UnpricedPosition> Unpriced)
{
    public static GreeksReport Of(Guid portfolioId, string currency, ValuedBook book) =>
        new(portfolioId, currency, book.AsOf, Sum(book.Positions),
            [.. book.Positions.Select(p => new PositionGreeks(p.Position.Id, p.Position.Symbol, p.Type, Money.Ratio(p.UnitPrice),
                p.Position.IsOption ? Money.Ratio(p.Volatility) : null, p.VolatilitySource, p.Position.IsOption ? Money.Ratio(p.TimeToExpiry) : null, Figures(p)))],
            book.Unpriced);

    public static GreekFigures Sum(IEnumerable<ValuedPosition> positions)
    {
        double delta = 0, gamma = 0, vega = 0, theta = 0, rho = 0;
        foreach (var p in positions)
        {
            (delta, gamma, vega, theta, rho) = (delta + p.DollarDelta, gamma + p.DollarGamma, vega + p.Vega, theta + p.Theta, rho + p.Rho);
        }

        return new GreekFigures(Money.Round(delta), Money.Round(gamma), Money.Round(vega), Money.Round(theta), Money.Round(rho));
    }

    private static GreekFigures Figures(ValuedPosition p) =>
        new(Money.Round(p.DollarDelta), Money.Round(p.DollarGamma), Money.Round(p.Vega), Money.Round(p.Theta), Money.Round(p.Rho));
}
