using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deals.Application.Review;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Polly;

namespace Deals.Application.Tickers;

public enum TickerLookup
{
    Known,
    Unknown,
    Unavailable,
}

/// <summary>
/// Marketdata's assets API, called as the deals service (scope <c>marketdata.track</c>). Every failure to
/// get an answer is <see cref="TickerLookup.Unavailable"/>, never an exception: the caller saves the deal
/// unverified instead of losing it.
/// </summary>
public sealed class MarketDataClient(HttpClient http, DealsMetrics metrics, ILogger<MarketDataClient> logger)
{
    public const string UnknownSymbolCode = "marketdata.unknown_symbol";

    /// <summary>Asks marketdata to track <paramref name="symbol"/>: known (201 or 200), unknown (404 unknown_symbol) or no answer.</summary>
    public async Task<TickerLookup> TrackAsync(string symbol, CancellationToken cancellationToken)
    {
        var lookup = await AskAsync(symbol, cancellationToken);
        metrics.TickerChecked(lookup);
        return lookup;
    }

    private async Task<TickerLookup> AskAsync(string symbol, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("api/v1/assets", new { symbol }, cancellationToken);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                return TickerLookup.Known;
            }

            // Only marketdata's own "unknown symbol" refuses a deal: a bare 404 (a wrong base URL, a route
            // not deployed yet) or a 400 (a contract mismatch) is our problem, not the analyst's.
            if (response.StatusCode == HttpStatusCode.NotFound && await ProblemResponses.HasErrorCodeAsync(response, UnknownSymbolCode, cancellationToken))
            {
                return TickerLookup.Unknown;
            }

            logger.Log(
                (int)response.StatusCode >= 500 ? LogLevel.Warning : LogLevel.Error,
                "Marketdata answered {Status} for ticker {Ticker}; the ticker stays unverified", (int)response.StatusCode, symbol);
            return TickerLookup.Unavailable;
        }
        catch (Exception failure) when (failure is HttpRequestException or ServiceTokenException or ExecutionRejectedException or JsonException
            || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(failure, "Marketdata could not be asked about ticker {Ticker}; it stays unverified", symbol);
            return TickerLookup.Unavailable;
        }
    }
}
