using System.Text.Json.Serialization;

namespace MarketData.Infrastructure.Providers.Polygon;

// Polygon's answers as sent; every field nullable, so a missing one is found by the checks and not
// silently defaulted. Only the fields used are declared.

internal sealed record PolygonAggregates(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("ticker")] string? Ticker,
    [property: JsonPropertyName("resultsCount")] int? ResultsCount,
    [property: JsonPropertyName("results")] List<PolygonBar?>? Results,
    [property: JsonPropertyName("next_url")] string? NextUrl);

internal sealed record PolygonBar(
    [property: JsonPropertyName("o")] decimal? Open,
    [property: JsonPropertyName("h")] decimal? High,
    [property: JsonPropertyName("l")] decimal? Low,
    [property: JsonPropertyName("c")] decimal? Close,
    [property: JsonPropertyName("v")] double? Volume,
    [property: JsonPropertyName("t")] long? StartMs);

internal sealed record PolygonTickerDetails(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("results")] PolygonTicker? Results);

internal sealed record PolygonTicker(
    [property: JsonPropertyName("ticker")] string? Ticker,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("market")] string? Market,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("active")] bool? Active,
    [property: JsonPropertyName("currency_name")] string? CurrencyName,
    [property: JsonPropertyName("currency_symbol")] string? CurrencySymbol,
    [property: JsonPropertyName("primary_exchange")] string? PrimaryExchange,
    [property: JsonPropertyName("sic_code")] string? SicCode);

internal sealed record PolygonSnapshot(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("tickers")] List<PolygonTickerSnapshot?>? Tickers);

internal sealed record PolygonTickerSnapshot(
    [property: JsonPropertyName("ticker")] string? Ticker,
    [property: JsonPropertyName("day")] PolygonSnapshotBar? Day,
    [property: JsonPropertyName("prevDay")] PolygonSnapshotBar? PreviousDay,
    [property: JsonPropertyName("min")] PolygonSnapshotBar? Minute,
    [property: JsonPropertyName("lastTrade")] PolygonLastTrade? LastTrade,
    [property: JsonPropertyName("lastQuote")] PolygonLastQuote? LastQuote,
    [property: JsonPropertyName("updated")] long? UpdatedNs);

internal sealed record PolygonSnapshotBar([property: JsonPropertyName("c")] decimal? Close);

internal sealed record PolygonLastTrade([property: JsonPropertyName("p")] decimal? Price);

/// <summary>Forex snapshots quote ask (<c>a</c>) and bid (<c>b</c>).</summary>
internal sealed record PolygonLastQuote(
    [property: JsonPropertyName("a")] decimal? Ask,
    [property: JsonPropertyName("b")] decimal? Bid);

internal sealed record PolygonOptionSnapshot(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("results")] List<PolygonOptionContract?>? Results,
    [property: JsonPropertyName("next_url")] string? NextUrl);

internal sealed record PolygonOptionContract(
    [property: JsonPropertyName("details")] PolygonOptionDetails? Details,
    [property: JsonPropertyName("day")] PolygonOptionDay? Day,
    [property: JsonPropertyName("last_quote")] PolygonOptionQuote? LastQuote,
    [property: JsonPropertyName("implied_volatility")] decimal? ImpliedVolatility,
    [property: JsonPropertyName("open_interest")] long? OpenInterest,
    [property: JsonPropertyName("underlying_asset")] PolygonUnderlying? Underlying);

internal sealed record PolygonOptionDetails(
    [property: JsonPropertyName("contract_type")] string? ContractType,
    [property: JsonPropertyName("expiration_date")] string? ExpirationDate,
    [property: JsonPropertyName("strike_price")] decimal? StrikePrice);

internal sealed record PolygonOptionDay([property: JsonPropertyName("close")] decimal? Close);

internal sealed record PolygonOptionQuote(
    [property: JsonPropertyName("bid")] decimal? Bid,
    [property: JsonPropertyName("ask")] decimal? Ask);

internal sealed record PolygonUnderlying(
    [property: JsonPropertyName("ticker")] string? Ticker,
    [property: JsonPropertyName("price")] decimal? Price);
