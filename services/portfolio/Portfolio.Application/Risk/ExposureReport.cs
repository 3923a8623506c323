using Platform.SharedKernel;
using Portfolio.Domain.Instruments;

namespace Portfolio.Application.Risk;

/// <summary>
/// Exposure of a group of positions in the base currency. Long, short, net and gross are delta-adjusted
/// (a stock's market value; an option's dollar delta); notional is the underlying's value the positions
/// control, |units × spot|, whatever the delta.
/// </summary>
// Long and Short are the desk's words for the sides of a book, not the integer types.
#pragma warning disable CA1720
public sealed record ExposureFigures(int Positions, decimal MarketValue, decimal Long, decimal Short, decimal Net, decimal Gross, decimal Notional);
#pragma warning restore CA1720

public sealed record ExposureGroup(string Key, ExposureFigures Exposure);

public sealed record PositionExposure(Guid PositionId, string Symbol, string Underlying, PositionType Type, decimal MarketValue, decimal DeltaAdjusted, decimal Notional, decimal WeightPercent);

/// <summary>The largest single name: its share of gross exposure, the figure the concentration limit bounds.</summary>
public sealed record Concentration(string Underlying, decimal Exposure, decimal PercentOfGross);

public sealed record ExposureReport(
    Guid PortfolioId,
    string Currency,
    DateOnly AsOf,
    ExposureFigures Total,
    Concentration? LargestName,
    IReadOnlyList<ExposureGroup> ByType,
    IReadOnlyList<ExposureGroup> ByTag,
    IReadOnlyList<ExposureGroup> ByStrategy,
    IReadOnlyList<ExposureGroup> BySector,
    IReadOnlyList<ExposureGroup> ByUnderlying,
    IReadOnlyList<PositionExposure> ByPosition,
    IReadOnlyList<UnpricedPosition> Unpriced)
{
    public const string Untagged = "(untagged)";
    public const string NoStrategy = "(none)";
    public const string UnknownSector = "(unknown)";

    public static ExposureReport Of(Guid portfolioId, string currency, ValuedBook book)
    {
        var positions = book.Positions;
        var total = Figures(positions);
        var byUnderlying = Group(positions, p => [p.Position.Underlying]);
        var netByUnderlying = new Dictionary<string, double>(StringComparer.Ordinal);
        var gross = 0.0;
        foreach (var p in positions)
        {
            netByUnderlying[p.Position.Underlying] = netByUnderlying.GetValueOrDefault(p.Position.Underlying) + p.DollarDelta;
            gross += Math.Abs(p.DollarDelta);
        }

        var largest = netByUnderlying.Select(x => (x.Key, Exposure: x.Value)).OrderByDescending(x => Math.Abs(x.Exposure)).ThenBy(x => x.Key, StringComparer.Ordinal).FirstOrDefault();
        return new ExposureReport(
            portfolioId, currency, book.AsOf, total,
            largest.Key is null ? null : new Concentration(largest.Key, Money.Round(largest.Exposure), Money.Percent(Math.Abs(largest.Exposure), gross)),
            Group(positions, p => [EnumText.Name(p.Type)]),
            Group(positions, p => p.Position.Tags.Length == 0 ? [Untagged] : p.Position.Tags),
            Group(positions, p => [p.StrategyName ?? NoStrategy]),
            Group(positions, p => [p.Sector ?? UnknownSector]),
            byUnderlying,
            [.. positions.Select(p => new PositionExposure(p.Position.Id, p.Position.Symbol, p.Position.Underlying, p.Type,
                Money.Round(p.MarketValue), Money.Round(p.DollarDelta), Money.Round(p.Notional), Money.Percent(Math.Abs(p.DollarDelta), gross)))],
            book.Unpriced);
    }

    private static ExposureFigures Figures(IReadOnlyCollection<ValuedPosition> positions)
    {
        double marketValue = 0, longSide = 0, shortSide = 0, notional = 0;
        foreach (var p in positions)
        {
            marketValue += p.MarketValue;
            notional += p.Notional;
            if (p.DollarDelta >= 0)
            {
                longSide += p.DollarDelta;
            }
            else
            {
                shortSide += p.DollarDelta;
            }
        }

        return new ExposureFigures(positions.Count, Money.Round(marketValue), Money.Round(longSide), Money.Round(shortSide),
            Money.Round(longSide + shortSide), Money.Round(longSide - shortSide), Money.Round(notional));
    }

    // A position with several tags counts in each of them, so tag groups may add up to more than the total.
    private static List<ExposureGroup> Group(IReadOnlyList<ValuedPosition> positions, Func<ValuedPosition, IReadOnlyList<string>> keys) =>
        [.. positions.SelectMany(p => keys(p).Select(key => (key, p)))
            .GroupBy(x => x.key, x => x.p, StringComparer.Ordinal)
            .Select(g => new ExposureGroup(g.Key, Figures(g.ToList())))
            .OrderByDescending(g => g.Exposure.Gross).ThenBy(g => g.Key, StringComparer.Ordinal)];
}
