using System.Text.Json;
using MarketData.Application.Assets;
using MarketData.Application.Quotes;
using MarketData.Domain;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Streaming;
using Platform.SharedKernel;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace MarketData.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/market-data/quotes/stream?symbols=</c>: live quotes as Server-Sent Events, with
/// the alerts stream's conventions (EventStreamSessions): it ends when the token expires or the
/// user's sessions are revoked (then with a <c>session_revoked</c> event), a user holds a limited
/// number of streams across replicas (429 beyond), and a heartbeat comment keeps proxies from
/// closing an idle stream. Quotes are state, not events: every connection starts with the current
/// quote of each symbol, then sends each change, so a reconnecting client needs no Last-Event-ID.
/// </summary>
internal static class QuoteStreamEndpoint
{
    public const int MaxSymbols = 200;

    public static void MapQuoteStreamEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/market-data/quotes/stream", StreamAsync)
            .RequireAuthorization(MarketDataPolicies.Reader)
            .WithTags("Market data")
            .WithName("streamQuotes")
            .WithSummary("Stream live quotes as Server-Sent Events")
            .WithDescription("symbols=A,B,C (1 to 200 tracked symbols). Each event is 'event: quote' with the quote's JSON as data: first the current quote of every symbol, then every change. The stream ends when the access token expires and within moments of the user's sessions being revoked; a user may hold a limited number of streams at once (EventStreams:MaxPerUser), one more is refused with 429.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> StreamAsync(
        HttpContext http,
        string? symbols,
        QuoteFeed feed,
        QuotesSince since,
        IOptions<HttpJsonOptions> json,
        IOptions<QuoteStreamOptions> options,
        EventStreamSessions streams)
    {
        var list = SymbolRules.ParseList(symbols);
        if (!SymbolRules.IsValidList(list, MaxSymbols))
        {
            return Error.Validation(new Dictionary<string, string[]> { ["symbols"] = [SymbolRules.ListRule(MaxSymbols)] }).ToProblem();
        }

        var (tracked, unknown) = await since.ResolveAsync(list, http.RequestAborted);
        if (unknown.Count > 0)
        {
            return MarketDataErrors.NotTracked(unknown).ToProblem();
        }

        var opened = await streams.OpenAsync(http, "quotes", http.RequestAborted);
        if (!opened.IsSuccess)
        {
            return opened.Error!.ToProblem();
        }

        await using var stream = opened.Value;
        var cancellationToken = stream.Ending;
        // Subscribed before the first read: a change committed in between wakes the loop.
        var doorbell = feed.Subscribe();
        try
        {
            var response = http.Response;
            await EventStream.BeginAsync(http, cancellationToken);

            var ids = tracked.Keys.ToList();
            DateTimeOffset? last = null;
            while (true)
            {
                var changes = await since.AfterAsync(ids, last, cancellationToken);
                foreach (var change in changes)
                {
                    await response.WriteAsync($"event: quote\ndata: {JsonSerializer.Serialize(change.Quote, json.Value.SerializerOptions)}\n\n", cancellationToken);
                    last = change.UpdatedAt;
                }

                if (changes.Count > 0)
                {
                    await response.Body.FlushAsync(cancellationToken);
                }

                last ??= DateTimeOffset.MinValue;
                if (!await doorbell.WaitAsync(options.Value.Heartbeat, cancellationToken))
                {
                    await EventStream.WriteAsync(response, ": heartbeat\n\n", cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stream.SayWhyItEndedAsync(http);
        }
        finally
        {
            feed.Unsubscribe(doorbell);
        }

        return Results.Empty;
    }
}

/// <summary><c>MarketData:QuoteStream</c>.</summary>
internal sealed class QuoteStreamOptions
{
    public const string Section = "MarketData:QuoteStream";

    /// <summary>How long a quiet stream waits before a heartbeat comment (and a fresh look for changes).</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
