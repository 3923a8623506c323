using System.Text.Json.Serialization;

namespace MarketData.Infrastructure.Providers.TwelveData;

// Twelve Data's answers as sent (numbers arrive as strings); every field nullable, so a missing one
// is found by the checks. Errors come as { "code", "message", "status": "error" }.

internal sealed record TwelveDataTimeSeries(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("meta")] TwelveDataMeta? Meta,
    [property: JsonPropertyName("values")] List<TwelveDataValue?>? Values);

internal sealed record TwelveDataMeta(
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("interval")] string? Interval);

internal sealed record TwelveDataValue(
    [property: JsonPropertyName("datetime")] string? Date,
    [property: JsonPropertyName("open")] decimal? Open,
    [property: JsonPropertyName("high")] decimal? High,
    [property: JsonPropertyName("low")] decimal? Low,
    [property: JsonPropertyName("close")] decimal? Close,
    [property: JsonPropertyName("volume")] decimal? Volume);

internal sealed record TwelveDataQuote(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("exchange")] string? Exchange,
    [property: JsonPropertyName("mic_code")] string? MicCode,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("last_quote_at")] long? LastQuoteAt,
    [property: JsonPropertyName("close")] decimal? Close,
    [property: JsonPropertyName("previous_close")] decimal? PreviousClose);

internal sealed record TwelveDataProfile(
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("exchange")] string? Exchange,
    [property: JsonPropertyName("mic_code")] string? MicCode,
    [property: JsonPropertyName("sector")] string? Sector,
    [property: JsonPropertyName("industry")] string? Industry,
    [property: JsonPropertyName("type")] string? Type);

internal sealed record TwelveDataForexPairs(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("data")] List<TwelveDataForexPair?>? Data);

internal sealed record TwelveDataForexPair(
    [property: JsonPropertyName("symbol")] string? Symbol,
    [property: JsonPropertyName("currency_base")] string? CurrencyBase,
    [property: JsonPropertyName("currency_quote")] string? CurrencyQuote);
