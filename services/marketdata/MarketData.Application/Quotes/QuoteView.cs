using MarketData.Domain;

namespace MarketData.Application.Quotes;

/// <summary>A latest quote as the API serves it.</summary>
public sealed record QuoteView(string Symbol, decimal Price, decimal PreviousClose, decimal Change, decimal? ChangePercent, string Currency, DateTimeOffset AsOf)
{
    public static QuoteView Of(Quote quote, string currency) =>
        new(quote.Symbol, quote.Price, quote.PreviousClose, quote.Change, quote.ChangePercent, currency, quote.AsOf.ToUniversalTime());
}
