using MarketData.Application.Assets;
using MarketData.Application.Fx;
using MarketData.Application.History;
using MarketData.Application.Options;
using MarketData.Application.Quotes;
using MarketData.Domain;
using MediatR;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace MarketData.Api.Endpoints;

/// <summary><c>/api/v1/market-data</c>: history, quotes, FX and option chains.</summary>
internal static class MarketDataEndpoints
{
    public static void MapMarketDataEndpoints(this IEndpointRouteBuilder app)
    {
        var data = app.MapGroup("/api/v1/market-data").WithTags("Market data").RequireAuthorization(MarketDataPolicies.Reader);

        data.MapGet("/{symbol}/history", async (string symbol, DateOnly? from, DateOnly? to, IMediator mediator, TimeProvider clock, CancellationToken ct) =>
            {
                var (start, end) = DateRange.Resolve(from, to, Today(clock));
                return (await mediator.Send(new GetHistory(symbol, start, end), ct)).ToHttp();
            })
            .WithName("getHistory")
            .WithSummary("Daily bars of one symbol")
            .WithDescription("from and to are ISO dates, inclusive; the last year by default, at most 10 years (400 otherwise). Oldest first.")
            .Produces<HistoryView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        data.MapGet("/history", ManyHistoryAsync)
            .WithName("getManyHistory")
            .WithSummary("Closes of up to 500 symbols at once, streamed")
            .WithDescription("symbols=A,B,C (1 to 500); from/to as for one symbol. Series in the order asked for, each oldest first: { from, to, series: [ { symbol, currency, closes: [ { date, close, adjustedClose } ] } ] }. Any symbol not tracked: 404 with the list in 'symbols'.")
            .Produces<ManyHistoryDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        data.MapGet("/quotes", async (string? symbols, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetQuotes(symbols), ct)).ToHttp())
            .WithName("getQuotes")
            .WithSummary("Latest quotes of up to 200 symbols")
            .WithDescription("symbols=A,B,C. Served from Redis (a few seconds old at most), from the database when Redis is down. In the order asked for. Any symbol not tracked: 404 marketdata.unknown_symbol listing them in 'symbols'.")
            .Produces<IReadOnlyList<QuoteView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        data.MapGet("/fx", async (string? @base, string? quote, DateOnly? date, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetFxRate(@base, quote, date), ct)).ToHttp())
            .WithName("getFxRate")
            .WithSummary("An FX rate on a date")
            .WithDescription("base and quote are ISO 4217 codes; date defaults to today. The rate of the latest stored day on or before the date (its date is in the answer): a stored pair, its inverse, or a cross through USD (source direct or crossUsd).")
            .Produces<FxRateView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        data.MapGet("/{symbol}/options", async (string symbol, DateOnly? expiry, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetOptionChain(symbol, expiry, asOf), ct)).ToHttp())
            .WithName("getOptionChain")
            .WithSummary("The option chain of an underlying")
            .WithDescription("The latest chain, or the end-of-day chain of asOf (kept for 30 days by default); expiry narrows it to one expiry. 'expiries' lists every expiry of the chain.")
            .Produces<OptionChainView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<IResult> ManyHistoryAsync(HttpContext http, string? symbols, DateOnly? from, DateOnly? to, ManyHistoryReader reader, TimeProvider clock, CancellationToken ct)
    {
        var list = SymbolRules.ParseList(symbols);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!SymbolRules.IsValidList(list, ManyHistoryReader.MaxSymbols))
        {
            errors["symbols"] = [SymbolRules.ListRule(ManyHistoryReader.MaxSymbols)];
        }

        var (start, end) = DateRange.Resolve(from, to, Today(clock));
        foreach (var (field, messages) in DateRange.Check(start, end))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors).ToProblem();
        }

        var (known, unknown) = await reader.ResolveAsync(list, ct);
        if (unknown.Count > 0)
        {
            return MarketDataErrors.NotTracked(unknown).ToProblem();
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await reader.WriteAsync(http.Response.Body, list, known, start, end, ct);
        return Results.Empty;
    }

    /// <summary>The shape of the streamed many-symbol history, for the OpenAPI document.</summary>
    internal sealed record ManyHistoryDocument(DateOnly From, DateOnly To, IReadOnlyList<ManyHistorySeries> Series);

    internal sealed record ManyHistorySeries(string Symbol, string Currency, IReadOnlyList<ManyHistoryClose> Closes);

    internal sealed record ManyHistoryClose(DateOnly Date, decimal Close, decimal AdjustedClose);
}
