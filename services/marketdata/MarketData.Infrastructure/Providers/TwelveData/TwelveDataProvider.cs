using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MarketData.Application.Providers;
using MarketData.Domain;
using MarketData.Infrastructure.Providers.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketData.Infrastructure.Providers.TwelveData;

/// <summary>
/// Twelve Data: reference data from <c>/profile</c> (sector and industry) and <c>/quote</c>
/// (currency), split-adjusted daily series, batched quotes, and FX daily series (<c>EUR/USD</c>).
/// The key goes in <c>Authorization: apikey …</c>. Twelve Data counts credits, one per symbol of a
/// batch, and the request budget charges them so.
/// </summary>
internal sealed class TwelveDataProvider : IReferenceDataSource, IDailyBarSource, IQuoteSource, IFxRateSource
{
    public const string ProviderName = "TwelveData";

    internal static readonly HttpProviderSpec Spec = new(
        ProviderName,
        "https://api.twelvedata.com/",
        DefaultRequestsPerMinute: 8,
        Authorization: key => new AuthenticationHeaderValue("apikey", key),
        InnermostHandlers: client => client.AddHttpMessageHandler(() => new TwelveDataStatusHandler()));

    // A series answers at most 5000 values; 7000 calendar days hold fewer than 5000 trading days.
    private const int MaxDaysPerSeries = 7000;
    private const int MaxQuoteBatch = 120;

    private static readonly Dictionary<string, string> GicsSectors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Technology"] = "Information Technology",
        ["Information Technology"] = "Information Technology",
        ["Financial Services"] = "Financials",
        ["Financials"] = "Financials",
        ["Healthcare"] = "Health Care",
        ["Health Care"] = "Health Care",
        ["Consumer Cyclical"] = "Consumer Discretionary",
        ["Consumer Discretionary"] = "Consumer Discretionary",
        ["Consumer Defensive"] = "Consumer Staples",
        ["Consumer Staples"] = "Consumer Staples",
        ["Basic Materials"] = "Materials",
        ["Materials"] = "Materials",
        ["Communication Services"] = "Communication Services",
        ["Energy"] = "Energy",
        ["Industrials"] = "Industrials",
        ["Real Estate"] = "Real Estate",
        ["Utilities"] = "Utilities",
    };

    private readonly VendorClient _vendor;
    private readonly int _creditsPerMinute;
    private readonly ILogger<TwelveDataProvider> _logger;

    public TwelveDataProvider(HttpClient http, IOptionsMonitor<HttpProviderOptions> options, ILogger<TwelveDataProvider> logger)
    {
        var settings = options.Get(ProviderName);
        _creditsPerMinute = settings.RequestsPerMinute;
        _logger = logger;
        _vendor = new VendorClient(ProviderName, http, new ApiKeyRedactor(settings.ApiKey), logger);
    }

    public string Name => ProviderName;

    public async Task<AssetReference?> FindAssetAsync(string symbol, CancellationToken cancellationToken)
    {
        if (VendorSymbols.IsFxPair(symbol))
        {
            return await FindPairAsync(symbol, cancellationToken);
        }

        var ticker = Ticker(symbol);
        var profile = await _vendor.GetAsync<TwelveDataProfile>($"profile?symbol={ticker}", cancellationToken, absent: NotFound);
        if (profile is null)
        {
            return null;
        }

        if (profile.Symbol != ticker || string.IsNullOrWhiteSpace(profile.Name) || string.IsNullOrWhiteSpace(profile.Type))
        {
            throw _vendor.Reject($"{symbol}: profile of '{profile.Symbol}' without name or type");
        }

        AssetType? type = profile.Type switch
        {
            "Common Stock" or "Preferred Stock" or "American Depositary Receipt" or "Global Depositary Receipt" or "REIT" => AssetType.Equity,
            "ETF" => AssetType.Etf,
            "Index" => AssetType.Index,
            _ => null,
        };
        if (type is null)
        {
            _logger.LogInformation("{Provider}: {Symbol} is a {Type}, not an asset type the platform tracks", Name, symbol, profile.Type);
            return null;
        }

        // The profile has no currency; the quote does.
        var quote = await _vendor.GetAsync<TwelveDataQuote>($"quote?symbol={ticker}", cancellationToken, absent: NotFound)
            ?? throw _vendor.Reject($"{symbol}: a profile but no quote");
        if (!Symbols.IsCurrency(quote.Currency))
        {
            throw _vendor.Reject($"{symbol}: currency '{quote.Currency}' is not an ISO 4217 code");
        }

        var sector = profile.Sector is { } s && GicsSectors.TryGetValue(s, out var gics) ? gics : null;
        var industry = string.IsNullOrWhiteSpace(profile.Industry) ? null : Truncate(profile.Industry, Asset.ClassificationMaxLength);
        var exchange = profile.MicCode ?? profile.Exchange;
        return new AssetReference(symbol, Truncate(profile.Name, Asset.NameMaxLength), type.Value,
            string.IsNullOrWhiteSpace(exchange) ? null : Truncate(exchange, Asset.ExchangeMaxLength), quote.Currency!, sector, industry);
    }

    public async Task<IReadOnlyList<DailyBar>> GetDailyBarsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var bars = new List<DailyBar>();
        foreach (var (date, value) in await SeriesAsync(symbol, from, to, cancellationToken))
        {
            if (value.Open is not { } open || value.High is not { } high || value.Low is not { } low || value.Close is not { } close)
            {
                throw _vendor.Reject($"{symbol} {date:yyyy-MM-dd}: value without open, high, low or close");
            }

            // Daily series are adjusted for splits (not dividends): the close is the adjusted close. Indices have no volume.
            bars.Add(new DailyBar(date, open, high, low, close, close, (long)Math.Round(value.Volume ?? 0, MidpointRounding.ToEven)));
        }

        return _vendor.CheckBars(symbol, bars, from, to);
    }

    public async Task<IReadOnlyList<Quote>> GetQuotesAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var quotes = new List<Quote>();
        // Each symbol is a credit: a batch never costs more than the budget holds.
        foreach (var batch in symbols.Distinct().Chunk(Math.Min(MaxQuoteBatch, _creditsPerMinute)))
        {
            var bySymbol = batch.ToDictionary(Ticker, s => s, StringComparer.Ordinal);
            var url = $"quote?symbol={string.Join(',', bySymbol.Keys)}";
            IEnumerable<TwelveDataQuote?> answers;
            if (batch.Length == 1)
            {
                // One symbol: the quote itself; several: an object keyed by symbol.
                var single = await _vendor.GetAsync<TwelveDataQuote>(url, cancellationToken, absent: NotFound);
                answers = single is null ? [] : [single];
            }
            else
            {
                var many = await _vendor.GetAsync<Dictionary<string, TwelveDataQuote?>>(url, cancellationToken, cost: batch.Length, absent: NotFound);
                answers = many is null ? [] : many.Values;
            }

            foreach (var answer in answers)
            {
                if (answer is { Status: "error" })
                {
                    // An unknown symbol in a batch is left out; anything else spoils the batch.
                    if (answer.Code is 400 or 404)
                    {
                        continue;
                    }

                    throw new ProviderException(Name, $"quote refused: {answer.Code} {answer.Message}");
                }

                if (answer?.Symbol is not { } ticker || !bySymbol.TryGetValue(ticker, out var symbol))
                {
                    throw _vendor.Reject($"quote of '{answer?.Symbol}', which was not asked for");
                }

                if (answer.Close is not { } price || answer.PreviousClose is not { } previousClose || (answer.LastQuoteAt ?? answer.Timestamp) is not { } at)
                {
                    throw _vendor.Reject($"{symbol}: quote without close, previous_close or timestamp");
                }

                quotes.Add(new Quote(symbol, price, previousClose, DateTimeOffset.FromUnixTimeSeconds(at)));
            }
        }

        return _vendor.CheckQuotes(quotes);
    }

    public async Task<IReadOnlyList<FxRate>> GetFxRatesAsync(string baseCurrency, string quoteCurrency, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var pair = baseCurrency + quoteCurrency;
        var rates = new List<FxRate>();
        foreach (var (date, value) in await SeriesAsync(pair, from, to, cancellationToken))
        {
            if (value.Close is not { } close || value.High is not { } high || value.Low is not { } low)
            {
                throw _vendor.Reject($"{pair} {date:yyyy-MM-dd}: value without high, low or close");
            }

            if (high < low || close > high || close < low)
            {
                throw _vendor.Reject($"{pair} {date:yyyy-MM-dd}: high/low do not bracket the close");
            }

            rates.Add(new FxRate(baseCurrency, quoteCurrency, date, close));
        }

        return _vendor.CheckRates(rates, from, to);
    }

    private async Task<AssetReference?> FindPairAsync(string symbol, CancellationToken cancellationToken)
    {
        var ticker = Ticker(symbol);
        var answer = await _vendor.GetAsync<TwelveDataForexPairs>($"forex_pairs?symbol={ticker}", cancellationToken, absent: NotFound);
        if (answer is null)
        {
            return null;
        }

        if (answer.Status != "ok")
        {
            throw _vendor.Reject($"{symbol}: forex_pairs status '{answer.Status}'");
        }

        var pair = answer.Data?.FirstOrDefault(p => p?.Symbol == ticker);
        if (pair is null)
        {
            return null;
        }

        var name = string.IsNullOrWhiteSpace(pair.CurrencyBase) || string.IsNullOrWhiteSpace(pair.CurrencyQuote) ? ticker : $"{pair.CurrencyBase} / {pair.CurrencyQuote}";
        return new AssetReference(symbol, name, AssetType.FxPair, null, symbol[3..], null, null);
    }

    /// <summary>The daily values of a range, oldest first, in requests of at most <see cref="MaxDaysPerSeries"/> days.</summary>
    private async Task<List<(DateOnly Date, TwelveDataValue Value)>> SeriesAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var ticker = Ticker(symbol);
        var values = new List<(DateOnly, TwelveDataValue)>();
        for (var start = from; start <= to; start = start.AddDays(MaxDaysPerSeries))
        {
            var end = start.AddDays(MaxDaysPerSeries - 1) < to ? start.AddDays(MaxDaysPerSeries - 1) : to;
            // end_date has been seen to exclude its own day on daily series: ask for one more day and
            // drop it below, which is right whichever way the vendor counts.
            var answer = await _vendor.GetAsync<TwelveDataTimeSeries>(
                $"time_series?symbol={ticker}&interval=1day&start_date={start:yyyy-MM-dd}&end_date={end.AddDays(1):yyyy-MM-dd}&order=asc&outputsize=5000",
                cancellationToken,
                absent: (status, body) => status == HttpStatusCode.BadRequest && body.Contains("No data is available", StringComparison.OrdinalIgnoreCase));
            if (answer is null)
            {
                continue;
            }

            if (answer.Status != "ok" || answer.Meta?.Symbol != ticker || answer.Meta.Interval != "1day" || answer.Values is null)
            {
                throw _vendor.Reject($"{symbol}: series with status '{answer.Status}', symbol '{answer.Meta?.Symbol}', interval '{answer.Meta?.Interval}'");
            }

            foreach (var value in answer.Values)
            {
                if (value is null || !DateOnly.TryParseExact(value.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw _vendor.Reject($"{symbol}: a value without a date (yyyy-MM-dd): '{value?.Date}'");
                }

                if (date <= end)
                {
                    values.Add((date, value));
                }
            }
        }

        return values;
    }

    // Twelve Data says "symbol not found" with 404, and with 400 on some endpoints.
    private static bool NotFound(HttpStatusCode status, string body) =>
        status == HttpStatusCode.NotFound || (status == HttpStatusCode.BadRequest && body.Contains("not found", StringComparison.OrdinalIgnoreCase));

    /// <summary>Twelve Data's symbol: <c>EUR/USD</c> for an FX pair, <c>SPX</c> for an index <c>^SPX</c>.</summary>
    internal static string Ticker(string symbol) =>
        VendorSymbols.IsFxPair(symbol) ? $"{symbol[..3]}/{symbol[3..]}" : VendorSymbols.IsIndex(symbol) ? symbol[1..] : symbol;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
