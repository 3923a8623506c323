using System.Globalization;
using System.Net.Http.Headers;
using MarketData.Application.Providers;
using MarketData.Application.Refresh;
using MarketData.Domain;
using MarketData.Infrastructure.Providers.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketData.Infrastructure.Providers.Polygon;

/// <summary>
/// Polygon.io: reference data (ticker details, sector from the SIC code where sound), split-adjusted
/// daily aggregates, snapshot quotes, FX aggregates (<c>C:EURUSD</c>) and the current option chain
/// snapshot. The key goes in <c>Authorization: Bearer</c>. Every answer is checked before use.
/// </summary>
internal sealed class PolygonProvider : IReferenceDataSource, IDailyBarSource, IQuoteSource, IFxRateSource, IOptionChainSource
{
    public const string ProviderName = "Polygon";

    internal static readonly HttpProviderSpec Spec = new(
        ProviderName,
        "https://api.polygon.io/",
        DefaultRequestsPerMinute: 5,
        Authorization: key => new AuthenticationHeaderValue("Bearer", key));

    // Tickers per snapshot request; pages of an option chain followed at most (250 contracts each).
    private const int SnapshotBatch = 100;
    private const int MaxChainPages = 40;

    private readonly HttpClient _http;
    private readonly VendorClient _vendor;
    private readonly TimeProvider _clock;
    private readonly ILogger<PolygonProvider> _logger;

    public PolygonProvider(HttpClient http, IOptionsMonitor<HttpProviderOptions> options, TimeProvider clock, ILogger<PolygonProvider> logger)
    {
        _http = http;
        _clock = clock;
        _logger = logger;
        _vendor = new VendorClient(ProviderName, http, new ApiKeyRedactor(options.Get(ProviderName).ApiKey), logger);
    }

    public string Name => ProviderName;

    public async Task<AssetReference?> FindAssetAsync(string symbol, CancellationToken cancellationToken)
    {
        var answer = await _vendor.GetAsync<PolygonTickerDetails>($"v3/reference/tickers/{Ticker(symbol)}", cancellationToken);
        if (answer is null)
        {
            return null;
        }

        CheckStatus(answer.Status, "ticker details");
        var t = answer.Results ?? throw _vendor.Reject($"{symbol}: ticker details without results");
        if (t.Ticker != Ticker(symbol))
        {
            throw _vendor.Reject($"{symbol}: ticker details describe '{t.Ticker}'");
        }

        if (string.IsNullOrWhiteSpace(t.Name))
        {
            throw _vendor.Reject($"{symbol}: ticker details without a name");
        }

        AssetType? type = (t.Market, t.Type) switch
        {
            ("fx", _) => AssetType.FxPair,
            ("indices", _) => AssetType.Index,
            ("stocks" or "otc", "CS" or "ADRC" or "PFD" or "GDR" or "NYRS" or "OS") => AssetType.Equity,
            ("stocks" or "otc", "ETF" or "ETN" or "ETV" or "ETS") => AssetType.Etf,
            _ => null,
        };
        if (type is null)
        {
            _logger.LogInformation("{Provider}: {Symbol} is {Market}/{Type}, not an asset type the platform tracks", Name, symbol, t.Market, t.Type);
            return null;
        }

        var currency = type == AssetType.FxPair ? t.CurrencySymbol?.ToUpperInvariant() ?? symbol[3..] : t.CurrencyName?.ToUpperInvariant();
        if (!Symbols.IsCurrency(currency))
        {
            throw _vendor.Reject($"{symbol}: currency '{t.CurrencyName ?? t.CurrencySymbol}' is not an ISO 4217 code");
        }

        var exchange = string.IsNullOrWhiteSpace(t.PrimaryExchange) ? null : t.PrimaryExchange;
        var sector = type == AssetType.Equity ? SicSectors.Sector(t.SicCode) : null;
        return new AssetReference(symbol, Truncate(t.Name, Asset.NameMaxLength), type.Value, exchange, currency!, sector, Industry: null);
    }

    public async Task<IReadOnlyList<DailyBar>> GetDailyBarsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var results = await AggregatesAsync(symbol, from, to, cancellationToken);
        var bars = new List<DailyBar>(results.Count);
        foreach (var (bar, date) in results)
        {
            if (bar.Open is not { } open || bar.High is not { } high || bar.Low is not { } low || bar.Close is not { } close || bar.Volume is not { } volume)
            {
                throw _vendor.Reject($"{symbol} {date:yyyy-MM-dd}: bar without o, h, l, c or v");
            }

            // adjusted=true: Polygon adjusts for splits, not dividends, so the close is the adjusted close.
            bars.Add(new DailyBar(date, open, high, low, close, close, (long)Math.Round(volume, MidpointRounding.ToEven)));
        }

        return _vendor.CheckBars(symbol, bars, from, to);
    }

    public async Task<IReadOnlyList<Quote>> GetQuotesAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var quotes = new List<Quote>();
        var stocks = symbols.Where(s => !VendorSymbols.IsFxPair(s) && !VendorSymbols.IsIndex(s)).Distinct().ToList();
        var pairs = symbols.Where(VendorSymbols.IsFxPair).Distinct().ToList();
        foreach (var batch in stocks.Chunk(SnapshotBatch))
        {
            quotes.AddRange(await SnapshotAsync("v2/snapshot/locale/us/markets/stocks/tickers", batch, cancellationToken));
        }

        foreach (var batch in pairs.Chunk(SnapshotBatch))
        {
            quotes.AddRange(await SnapshotAsync("v2/snapshot/locale/global/markets/forex/tickers", batch, cancellationToken));
        }

        return _vendor.CheckQuotes(quotes);
    }

    public async Task<IReadOnlyList<FxRate>> GetFxRatesAsync(string baseCurrency, string quoteCurrency, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var pair = baseCurrency + quoteCurrency;
        var rates = new List<FxRate>();
        foreach (var (bar, date) in await AggregatesAsync(pair, from, to, cancellationToken))
        {
            if (bar.Close is not { } close || bar.High is not { } high || bar.Low is not { } low)
            {
                throw _vendor.Reject($"{pair} {date:yyyy-MM-dd}: bar without h, l or c");
            }

            if (high < low || close > high || close < low)
            {
                throw _vendor.Reject($"{pair} {date:yyyy-MM-dd}: high/low do not bracket the close");
            }

            rates.Add(new FxRate(baseCurrency, quoteCurrency, date, close));
        }

        return _vendor.CheckRates(rates, from, to);
    }

    public async Task<OptionChain> GetOptionChainAsync(string underlying, DateOnly asOf, CancellationToken cancellationToken)
    {
        // A snapshot is the chain now: it stands for today's or the last closed session, not for any earlier day.
        if (asOf < MarketCalendar.LastClosedSession(_clock.GetUtcNow()))
        {
            throw new ProviderException(Name, $"the option snapshot is the current chain; there is none as of {asOf:yyyy-MM-dd}");
        }

        var contracts = new List<OptionQuote>();
        decimal? underlyingPrice = null;
        string? url = $"v3/snapshot/options/{underlying}?limit=250";
        for (var page = 0; url is not null; page++)
        {
            if (page == MaxChainPages)
            {
                throw new ProviderException(Name, $"{underlying}: the chain has more than {MaxChainPages * 250} contracts");
            }

            var answer = await _vendor.GetAsync<PolygonOptionSnapshot>(url, cancellationToken)
                ?? throw new ProviderException(Name, $"no listed options on {underlying}");
            CheckStatus(answer.Status, "option snapshot");
            foreach (var contract in answer.Results ?? [])
            {
                contracts.Add(Contract(underlying, contract));
                if (contract!.Underlying?.Ticker is { } ticker && ticker != underlying)
                {
                    throw _vendor.Reject($"{underlying}: a contract of {ticker} in the chain");
                }

                underlyingPrice ??= contract.Underlying?.Price;
            }

            url = NextPage(answer.NextUrl);
        }

        if (contracts.Count == 0)
        {
            throw new ProviderException(Name, $"no listed options on {underlying}");
        }

        // Plans without underlying prices in the chain: one snapshot request for it.
        underlyingPrice ??= (await GetQuotesAsync([underlying], cancellationToken)).SingleOrDefault()?.Price
            ?? throw _vendor.Reject($"{underlying}: no price for the underlying of the chain");
        return _vendor.CheckChain(new OptionChain(underlying, asOf, underlyingPrice.Value, contracts));
    }

    private async Task<List<(PolygonBar Bar, DateOnly Date)>> AggregatesAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var ticker = Ticker(symbol);
        var answer = await _vendor.GetAsync<PolygonAggregates>(
            $"v2/aggs/ticker/{ticker}/range/1/day/{from:yyyy-MM-dd}/{to:yyyy-MM-dd}?adjusted=true&sort=asc&limit=50000", cancellationToken)
            ?? throw new ProviderException(Name, $"unknown symbol {symbol}");
        CheckStatus(answer.Status, "aggregates");
        if (answer.Ticker != ticker)
        {
            throw _vendor.Reject($"{symbol}: aggregates of '{answer.Ticker}'");
        }

        if (answer.NextUrl is not null)
        {
            throw _vendor.Reject($"{symbol}: aggregates cut into pages ({answer.ResultsCount} results); nothing of it is kept");
        }

        var results = answer.Results ?? [];
        if (answer.ResultsCount is { } count && count != results.Count)
        {
            throw _vendor.Reject($"{symbol}: resultsCount {count} but {results.Count} results");
        }

        // Polygon answers an unknown ticker with no results, as it does a range without trading
        // days; a week or more without one means the symbol is not there.
        if (results.Count == 0 && to.DayNumber - from.DayNumber >= 6)
        {
            throw new ProviderException(Name, $"no bars of {symbol} from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: unknown symbol or no trading");
        }

        // Stock and index days start at midnight in New York, FX days at midnight UTC.
        var zone = VendorSymbols.IsFxPair(symbol) ? TimeZoneInfo.Utc : MarketCalendar.NewYork;
        return results.Select(bar => bar?.StartMs is { } ms
                ? (bar, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), zone).DateTime))
                : throw _vendor.Reject($"{symbol}: a bar without its time (t)"))
            .ToList();
    }

    private async Task<List<Quote>> SnapshotAsync(string path, string[] symbols, CancellationToken cancellationToken)
    {
        var bySymbol = symbols.ToDictionary(Ticker, s => s, StringComparer.Ordinal);
        var answer = await _vendor.GetAsync<PolygonSnapshot>($"{path}?tickers={string.Join(',', bySymbol.Keys)}", cancellationToken);
        if (answer is null)
        {
            return [];
        }

        CheckStatus(answer.Status, "snapshot");
        var quotes = new List<Quote>();
        foreach (var t in answer.Tickers ?? [])
        {
            if (t?.Ticker is not { } ticker || !bySymbol.TryGetValue(ticker, out var symbol))
            {
                throw _vendor.Reject($"snapshot of '{t?.Ticker}', which was not asked for");
            }

            var mid = t.LastQuote is { Ask: > 0, Bid: > 0 } q ? (q.Ask + q.Bid) / 2 : null;
            // Before the open the day's bar is all zeros: the last trade (or quote, for FX) is the price.
            var price = new[] { t.LastTrade?.Price, mid, t.Minute?.Close, t.Day?.Close }.FirstOrDefault(p => p > 0);
            if (price is null || t.PreviousDay?.Close is not { } previousClose || t.UpdatedNs is not { } updated)
            {
                throw _vendor.Reject($"{symbol}: snapshot without a price, previous close or update time");
            }

            quotes.Add(new Quote(symbol, price.Value, previousClose, DateTimeOffset.UnixEpoch.AddTicks(updated / 100)));
        }

        return quotes;
    }

    private OptionQuote Contract(string underlying, PolygonOptionContract? contract)
    {
        var details = contract?.Details;
        var right = details?.ContractType switch
        {
            "call" => OptionRight.Call,
            "put" => OptionRight.Put,
            _ => (OptionRight?)null,
        };
        if (right is null || details!.StrikePrice is not { } strike
            || !DateOnly.TryParseExact(details.ExpirationDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
        {
            throw _vendor.Reject($"{underlying}: a contract without type, strike or expiration date");
        }

        var last = contract!.Day?.Close is > 0 ? contract.Day.Close : null;
        return new OptionQuote(expiry, strike, right.Value, contract.LastQuote?.Bid, contract.LastQuote?.Ask, last, contract.ImpliedVolatility, contract.OpenInterest);
    }

    // Pages are followed only on the vendor's own host: the key must not go anywhere else.
    private string? NextPage(string? nextUrl)
    {
        if (nextUrl is null)
        {
            return null;
        }

        if (!Uri.TryCreate(nextUrl, UriKind.Absolute, out var next) || Uri.Compare(next, _http.BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw _vendor.Reject("next_url points away from the API's own address");
        }

        return next.PathAndQuery.TrimStart('/');
    }

    private void CheckStatus(string? status, string what)
    {
        if (status is not ("OK" or "DELAYED"))
        {
            throw _vendor.Reject($"{what}: status '{status}'");
        }
    }

    /// <summary>Polygon's ticker: <c>C:EURUSD</c> for FX pairs, <c>I:SPX</c> for an index <c>^SPX</c>.</summary>
    internal static string Ticker(string symbol) =>
        VendorSymbols.IsFxPair(symbol) ? "C:" + symbol : VendorSymbols.IsIndex(symbol) ? "I:" + symbol[1..] : symbol;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
