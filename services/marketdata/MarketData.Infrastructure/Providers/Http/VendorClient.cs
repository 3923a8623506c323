using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MarketData.Application.Providers;
using MarketData.Domain;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MarketData.Infrastructure.Providers.Http;

/// <summary>
/// The one way a vendor provider calls its API and checks what comes back: every failure becomes a
/// <see cref="ProviderException"/>, every unsound payload a <see cref="ProviderPayloadException"/>
/// logged once, and no message carries the API key.
/// </summary>
internal sealed class VendorClient(string provider, HttpClient http, ApiKeyRedactor redactor, ILogger logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        // Twelve Data sends every number as a string; a string that is not a number still fails.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public string Provider => provider;

    /// <summary>
    /// The parsed answer, or null when the vendor says it has nothing: a 404 unless
    /// <paramref name="absent"/> (status, body) says which refusals mean that.
    /// </summary>
    /// <param name="cost">What the request costs in the plan's units (Twelve Data: one credit per symbol).</param>
    public async Task<T?> GetAsync<T>(string relativeUrl, CancellationToken cancellationToken, int cost = 1, Func<HttpStatusCode, string, bool>? absent = null)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUrl);
        RequestBudget.SetCost(request, cost);
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await ReadSomeAsync(response, cancellationToken);
            if (absent?.Invoke(response.StatusCode, body) ?? response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            throw new ProviderException(provider, redactor.Redact($"{Path(relativeUrl)} answered HTTP {(int)response.StatusCode} {Meaning(response.StatusCode)}: {body}"));
        }

        T? value;
        try
        {
            value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw Reject($"{Path(relativeUrl)}: malformed JSON ({e.Message})", e);
        }
        catch (NotSupportedException e)
        {
            throw Reject($"{Path(relativeUrl)}: not JSON ({response.Content.Headers.ContentType})", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new ProviderException(provider, redactor.Redact($"{Path(relativeUrl)}: the answer broke off ({e.Message})"), e);
        }

        return value ?? throw Reject($"{Path(relativeUrl)}: empty answer");
    }

    /// <summary>Logs the rejection (one line) and returns the exception to throw.</summary>
    public ProviderPayloadException Reject(string reason, Exception? inner = null)
    {
        reason = redactor.Redact(reason);
        logger.LogWarning("{Provider} payload rejected: {Reason}", provider, reason);
        return new ProviderPayloadException(provider, reason, inner);
    }

    /// <summary>Every bar sound, within the range asked for, strictly oldest first (so no date twice).</summary>
    public IReadOnlyList<DailyBar> CheckBars(string symbol, List<DailyBar> bars, DateOnly from, DateOnly to)
    {
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            if (bar.Defect() is { } defect)
            {
                throw Reject($"{symbol} {defect}");
            }

            if (bar.Date < from || bar.Date > to)
            {
                throw Reject($"{symbol} {bar.Date:yyyy-MM-dd} is outside {from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
            }

            if (i > 0 && bar.Date <= bars[i - 1].Date)
            {
                throw Reject($"{symbol} {bar.Date:yyyy-MM-dd} is listed twice or out of order");
            }
        }

        return bars;
    }

    public IReadOnlyList<FxRate> CheckRates(List<FxRate> rates, DateOnly from, DateOnly to)
    {
        for (var i = 0; i < rates.Count; i++)
        {
            var rate = rates[i];
            if (rate.Rate <= 0)
            {
                throw Reject($"{rate.BaseCurrency}/{rate.QuoteCurrency} {rate.Date:yyyy-MM-dd}: rate {rate.Rate} is not positive");
            }

            if (rate.Date < from || rate.Date > to)
            {
                throw Reject($"{rate.BaseCurrency}/{rate.QuoteCurrency} {rate.Date:yyyy-MM-dd} is outside {from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
            }

            if (i > 0 && rate.Date <= rates[i - 1].Date)
            {
                throw Reject($"{rate.BaseCurrency}/{rate.QuoteCurrency} {rate.Date:yyyy-MM-dd} is listed twice or out of order");
            }
        }

        return rates;
    }

    public IReadOnlyList<Quote> CheckQuotes(List<Quote> quotes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quote in quotes)
        {
            if (quote.Price <= 0 || quote.PreviousClose <= 0)
            {
                throw Reject($"{quote.Symbol}: price {quote.Price} / previous close {quote.PreviousClose} must be positive");
            }

            if (!seen.Add(quote.Symbol))
            {
                throw Reject($"{quote.Symbol}: quoted twice");
            }
        }

        return quotes;
    }

    public OptionChain CheckChain(OptionChain chain)
    {
        if (chain.UnderlyingPrice <= 0)
        {
            throw Reject($"{chain.Underlying}: underlying price {chain.UnderlyingPrice} is not positive");
        }

        var seen = new HashSet<(DateOnly, decimal, OptionRight)>();
        foreach (var c in chain.Contracts)
        {
            if (c.Strike <= 0 || c.Expiry < chain.AsOf || c.Bid < 0 || c.Ask < 0 || c.Bid > c.Ask || c.Last < 0
                || c.ImpliedVolatility is < 0 or > 20 || c.OpenInterest < 0)
            {
                throw Reject($"{chain.Underlying} {c.Expiry:yyyy-MM-dd} {c.Strike} {c.Right}: not a sound contract");
            }

            if (!seen.Add((c.Expiry, c.Strike, c.Right)))
            {
                throw Reject($"{chain.Underlying} {c.Expiry:yyyy-MM-dd} {c.Strike} {c.Right}: listed twice");
            }
        }

        return chain;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = Path(request.RequestUri!.OriginalString);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (ProviderException)
        {
            throw;
        }
        catch (BrokenCircuitException e)
        {
            throw new ProviderException(provider, $"{path}: circuit open after repeated failures; calls fail at once until it closes", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new ProviderException(provider, $"{path}: no answer within {e.Timeout.TotalMilliseconds:0} ms", e);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderException(provider, redactor.Redact($"{path}: unreachable ({e.Message})"), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(provider, $"{path}: timed out", e);
        }
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Length <= 300 ? body : body[..300];
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return "(no body)";
        }
    }

    // The path alone: the query holds nothing secret (the key goes in a header), but it is long.
    private static string Path(string url) => url.Split('?', 2)[0];

    private static string Meaning(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => "(the API key or the plan was refused)",
        429 => "(rate limited, retries spent)",
        >= 500 => "(vendor failure, retries spent)",
        _ => "",
    };
}
