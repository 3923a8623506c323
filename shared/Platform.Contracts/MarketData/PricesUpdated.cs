namespace Platform.Contracts.MarketData;

/// <summary>New prices for a set of tickers, one quote each, as of the time the provider stamped them.</summary>
public sealed record PricesUpdated(Guid EventId, DateTimeOffset OccurredAt, IReadOnlyList<PriceQuote> Quotes) : IIntegrationEvent;

public sealed record PriceQuote(string Ticker, decimal Price, string Currency, DateTimeOffset AsOf);
