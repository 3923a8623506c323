using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Polly;

namespace Portfolio.Application.Market;

public sealed record MarketAsset(string Symbol, string Name, string Type, string Currency, string? Sector);

/// <summary>What marketdata said about a symbol: the asset, or (null) that it knows no such symbol.</summary>
public sealed record MarketLookup(MarketAsset? Asset)
{
    public static readonly MarketLookup Unknown = new((MarketAsset?)null);
}

public sealed record MarketClose(DateOnly Date, decimal Close, decimal AdjustedClose);

public sealed record MarketSeries(string Symbol, string Currency, IReadOnlyList<MarketClose> Closes);

public sealed record MarketHistory(DateOnly From, DateOnly To, IReadOnlyList<MarketSeries> Series);

public sealed record MarketOptionContract(DateOnly Expiry, decimal Strike, string Right, decimal? ImpliedVolatility);

public sealed record MarketOptionChain(string Underlying, DateOnly AsOf, IReadOnlyList<MarketOptionContract> Contracts);

public sealed record MarketFxRate(string Base, string Quote, DateOnly Date, decimal Rate);

/// <summary>
/// Marketdata's API as the portfolio service (scopes <c>marketdata.read marketdata.track</c>). A failure
/// to get an answer is null, never an exception: the sync tries again on its next pass.
/// </summary>
public sealed class MarketDataClient(HttpClient http, ILogger<MarketDataClient> logger)
{
    public const string UnknownSymbolCode = "marketdata.unknown_symbol";

    /// <summary>Starts (or confirms) tracking: the asset, <see cref="MarketLookup.Unknown"/> when marketdata does not know the symbol, or null when it cannot answer.</summary>
    public Task<MarketLookup?> TrackAsync(string symbol, CancellationToken cancellationToken) =>
        AskAsync($"track {symbol}", async () =>
        {
            using var response = await http.PostAsJsonAsync("api/v1/assets", new { symbol }, cancellationToken);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                return new MarketLookup(await response.Content.ReadFromJsonAsync<MarketAsset>(cancellationToken));
            }

            // Only marketdata's own "unknown symbol" says the symbol does not exist; any other answer is no answer.
            return response.StatusCode == HttpStatusCode.NotFound && await ProblemResponses.HasErrorCodeAsync(response, UnknownSymbolCode, cancellationToken)
                ? MarketLookup.Unknown
                : Refused<MarketLookup>(response, symbol);
        });

    /// <summary>Closes of tracked symbols, oldest first, in the order asked for.</summary>
    public Task<MarketHistory?> HistoryAsync(IReadOnlyCollection<string> symbols, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        AskAsync($"history of {symbols.Count} symbols", async () =>
        {
            var query = $"api/v1/market-data/history?symbols={Uri.EscapeDataString(string.Join(',', symbols))}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
            using var response = await http.GetAsync(query, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<MarketHistory>(cancellationToken)
                : Refused<MarketHistory>(response, string.Join(',', symbols));
        });

    /// <summary>Units of <paramref name="quote"/> per one <paramref name="base"/>, latest.</summary>
    public Task<MarketFxRate?> FxAsync(string @base, string quote, CancellationToken cancellationToken) =>
        AskAsync($"FX {@base}/{quote}", async () =>
        {
            using var response = await http.GetAsync($"api/v1/market-data/fx?base={@base}&quote={quote}", cancellationToken);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<MarketFxRate>(cancellationToken)
                : Refused<MarketFxRate>(response, $"{@base}{quote}");
        });

    /// <summary>The underlying's latest option chain.</summary>
    public Task<MarketOptionChain?> OptionChainAsync(string underlying, CancellationToken cancellationToken) =>
        AskAsync($"option chain of {underlying}", async () =>
        {
            using var response = await http.GetAsync($"api/v1/market-data/{Uri.EscapeDataString(underlying)}/options", cancellationToken);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<MarketOptionChain>(cancellationToken)
                : Refused<MarketOptionChain>(response, underlying);
        });

    private async Task<T?> AskAsync<T>(string what, Func<Task<T?>> ask)
        where T : class
    {
        try
        {
            return await ask();
        }
        catch (Exception failure) when (failure is HttpRequestException or ServiceTokenException or ExecutionRejectedException or JsonException or TaskCanceledException)
        {
            logger.LogWarning(failure, "Marketdata could not be asked for {What}; the sync tries again later", what);
            return null;
        }
    }

    private T? Refused<T>(HttpResponseMessage response, string subject)
        where T : class
    {
        logger.Log(response.StatusCode == HttpStatusCode.NotFound ? LogLevel.Information : LogLevel.Warning,
            "Marketdata answered {Status} for {Subject}", (int)response.StatusCode, subject);
        return null;
    }
}
