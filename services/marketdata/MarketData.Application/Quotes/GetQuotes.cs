using FluentValidation;
using MarketData.Application.Assets;
using MarketData.Application.Persistence;
using MarketData.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace MarketData.Application.Quotes;

/// <summary>Latest quotes of up to 200 tracked symbols, in the order asked for: from Redis, the rest from the database.</summary>
public sealed record GetQuotes(string? Symbols) : IRequest<Result<IReadOnlyList<QuoteView>>>;

internal sealed class GetQuotesValidator : AbstractValidator<GetQuotes>
{
    public const int MaxSymbols = 200;

    public GetQuotesValidator() => RuleFor(r => r.Symbols).ValidSymbolList(MaxSymbols).OverridePropertyName("symbols");
}

internal sealed class GetQuotesHandler(MarketDataDb db, QuoteCache cache, MarketDataMetrics metrics) : IRequestHandler<GetQuotes, Result<IReadOnlyList<QuoteView>>>
{
    public async Task<Result<IReadOnlyList<QuoteView>>> Handle(GetQuotes request, CancellationToken cancellationToken)
    {
        var symbols = SymbolRules.ParseList(request.Symbols);
        var found = await cache.GetAsync(symbols);
        metrics.QuotesServed(found.Count, "cache");
        var missing = symbols.Where(s => !found.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            var stored = await db.Quotes.AsNoTracking()
                .Join(db.Assets.Where(a => missing.Contains(a.Symbol)), q => q.AssetId, a => a.Id, (q, a) => new { a.Symbol, a.Currency, q.Price, q.PreviousClose, q.AsOf })
                .ToListAsync(cancellationToken);
            var fromDb = stored.Select(s => QuoteView.Of(new Quote(s.Symbol, s.Price, s.PreviousClose, s.AsOf), s.Currency)).ToList();
            foreach (var quote in fromDb)
            {
                found[quote.Symbol] = quote;
            }

            metrics.QuotesServed(fromDb.Count, "database");
            await cache.PutAsync(fromDb);
            var unknown = missing.Where(s => !found.ContainsKey(s)).ToList();
            if (unknown.Count > 0)
            {
                return await UnknownAsync(unknown, cancellationToken);
            }
        }

        return symbols.Select(s => found[s]).ToList();
    }

    // A tracked asset without a quote yet (its back-fill is running) is not "unknown": say which is which.
    private async Task<Error> UnknownAsync(List<string> symbols, CancellationToken cancellationToken)
    {
        var tracked = await db.Assets.AsNoTracking().Where(a => symbols.Contains(a.Symbol)).Select(a => a.Symbol).ToListAsync(cancellationToken);
        var untracked = symbols.Except(tracked).ToList();
        return untracked.Count > 0
            ? MarketDataErrors.NotTracked(untracked)
            : Error.NotFound("marketdata.no_quote", $"No quote yet for {string.Join(", ", tracked)}: their data is still being loaded.")
                with { Details = new Dictionary<string, object?> { ["symbols"] = tracked } };
    }
}
