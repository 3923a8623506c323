namespace Deals.Application.Market;

/// <summary>
/// The latest market prices of a deal's target and acquirer, from marketdata's <c>PricesUpdated</c>.
/// A row of its own, keyed by the deal: prices arrive all day and must not touch the deal's version,
/// review status, audit log or list version. Each leg remembers the ticker and currency it was quoted
/// for, so a leg is shown only while the deal still names that ticker in that currency.
/// </summary>
public sealed class DealMarketPrice
{
    private DealMarketPrice()
    {
    }

    public Guid DealId { get; private set; }

    public string? TargetTicker { get; private set; }
    public string? TargetCurrency { get; private set; }
    public decimal? TargetPrice { get; private set; }
    public DateTimeOffset? TargetAsOf { get; private set; }

    public string? AcquirerTicker { get; private set; }
    public string? AcquirerCurrency { get; private set; }
    public decimal? AcquirerPrice { get; private set; }
    public DateTimeOffset? AcquirerAsOf { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
}
