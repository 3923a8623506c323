using MarketData.Application.Providers;
using MarketData.Application.Refresh;
using MarketData.Domain;
using Microsoft.Extensions.Options;

namespace MarketData.Infrastructure.Providers.Simulated;

/// <summary>
/// The default provider: no network, every number a pure function of symbol and date
/// (<see cref="SimulatedMarket"/>), so every machine and every test run sees the same market.
/// Intraday quotes move every few seconds (deterministically per time bucket): during the New York
/// session from the previous close towards the day's close, outside it a little around the last
/// close, so live prices can be watched at any hour.
/// </summary>
public sealed class SimulatedProvider(TimeProvider clock, IOptions<SimulatedProviderOptions> options)
    : IReferenceDataSource, IDailyBarSource, IQuoteSource, IFxRateSource, IOptionChainSource
{
    public const string ProviderName = ProviderSelection.Simulated;


    public string Name => ProviderName;

    public Task<AssetReference?> FindAssetAsync(string symbol, CancellationToken cancellationToken) =>
        Task.FromResult(SimulatedUniverse.Find(symbol)?.Reference);

    public Task<IReadOnlyList<DailyBar>> GetDailyBarsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var profile = SimulatedUniverse.Find(symbol) ?? throw new ProviderException(Name, $"unknown symbol {symbol}");
        // Only closed days: today's bar exists once New York's session has ended.
        var last = LastClosedDay(clock.GetUtcNow());
        return Task.FromResult(SimulatedMarket.Bars(profile, from, to < last ? to : last));
    }

    public Task<IReadOnlyList<Quote>> GetQuotesAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var quotes = symbols
            .Select(SimulatedUniverse.Find)
            .OfType<SimulatedProfile>()
            .Select(profile => QuoteAt(profile, now))
            .ToList();
        return Task.FromResult<IReadOnlyList<Quote>>(quotes);
    }

    public Task<IReadOnlyList<FxRate>> GetFxRatesAsync(string baseCurrency, string quoteCurrency, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (UsdPer(baseCurrency) is null || UsdPer(quoteCurrency) is null)
        {
            throw new ProviderException(Name, $"no rates for {baseCurrency}/{quoteCurrency}");
        }

        var last = LastClosedDay(clock.GetUtcNow());
        var rates = new List<FxRate>();
        for (var date = from < SimulatedMarket.Origin ? SimulatedMarket.Origin : from; date <= to && date <= last; date = date.AddDays(1))
        {
            if (SimulatedMarket.IsTradingDay(date))
            {
                // Crossed through USD: EUR/JPY = (USD per EUR) / (USD per JPY).
                var rate = UsdPer(baseCurrency)!(date) / UsdPer(quoteCurrency)!(date);
                rates.Add(new FxRate(baseCurrency, quoteCurrency, date, Math.Round((decimal)rate, 8, MidpointRounding.ToEven)));
            }
        }

        return Task.FromResult<IReadOnlyList<FxRate>>(rates);
    }

    public Task<OptionChain> GetOptionChainAsync(string underlying, DateOnly asOf, CancellationToken cancellationToken)
    {
        var profile = SimulatedUniverse.Find(underlying);
        if (profile is null || profile.Reference.Type is AssetType.FxPair or AssetType.Index)
        {
            throw new ProviderException(Name, $"no listed options on {underlying}");
        }

        var day = SimulatedMarket.TradingDayOnOrBefore(asOf);
        var spot = Math.Round(SimulatedMarket.Close(profile, day), 2);
        var atm = SimulatedMarket.Volatility(profile, day);
        var seed = DeterministicNoise.Seed("options:" + underlying);
        var step = StrikeStep(spot);
        var contracts = new List<OptionQuote>();
        foreach (var expiry in Expiries(day, options.Value.OptionExpiries))
        {
            var years = (expiry.DayNumber - day.DayNumber) / 365.0;
            for (var strike = Math.Ceiling(spot * 0.75 / step) * step; strike <= spot * 1.25; strike += step)
            {
                var volatility = SimulatedOptions.Smile(atm, spot, strike, years);
                foreach (var right in new[] { OptionRight.Call, OptionRight.Put })
                {
                    var mid = SimulatedOptions.Price(right == OptionRight.Call, spot, strike, years, volatility);
                    var halfSpread = Math.Max(0.01, mid * 0.015);
                    var bid = Math.Max(0.0, mid - halfSpread);
                    var moneyness = Math.Abs(Math.Log(strike / spot));
                    var interest = (long)(5000 * Math.Exp(-12 * moneyness) * DeterministicNoise.Uniform(seed, expiry.DayNumber * 10_000L + (long)(strike * 100), (int)right));
                    contracts.Add(new OptionQuote(
                        expiry,
                        (decimal)strike,
                        right,
                        Cents(bid),
                        Cents(mid + halfSpread),
                        Cents(mid),
                        Math.Round((decimal)volatility, 6, MidpointRounding.ToEven),
                        interest));
                }
            }
        }

        return Task.FromResult(new OptionChain(underlying, day, (decimal)spot, contracts));
    }

    /// <summary>The quote of <paramref name="profile"/> at <paramref name="now"/>.</summary>
    internal static Quote QuoteAt(SimulatedProfile profile, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, MarketCalendar.NewYork);
        var today = DateOnly.FromDateTime(local.DateTime);
        var inSession = SimulatedMarket.IsTradingDay(today) && local.TimeOfDay >= MarketCalendar.SessionOpen && local.TimeOfDay < MarketCalendar.SessionClose;
        var session = inSession ? today : LastClosedDay(now);
        var previousClose = SimulatedMarket.Close(profile, SimulatedMarket.PreviousTradingDay(session));
        var sessionClose = SimulatedMarket.Close(profile, session);
        var dailySigma = SimulatedMarket.Volatility(profile, session) / Math.Sqrt(SimulatedMarket.TradingDaysPerYear);
        var bucket = now.ToUnixTimeSeconds() / QuoteBucketSeconds;
        var noise = DeterministicNoise.Normal(DeterministicNoise.Seed("tick:" + profile.Reference.Symbol), bucket);
        double price;
        if (inSession)
        {
            // A Brownian bridge from the previous close to the day's close: right at both ends.
            var f = (local.TimeOfDay - MarketCalendar.SessionOpen) / (MarketCalendar.SessionClose - MarketCalendar.SessionOpen);
            price = previousClose * Math.Exp(f * Math.Log(sessionClose / previousClose) + dailySigma * Math.Sqrt(f * (1 - f)) * noise);
        }
        else
        {
            price = sessionClose * Math.Exp(0.05 * dailySigma * noise);
        }

        var decimals = SimulatedMarket.PriceDecimals(profile);
        var asOf = DateTimeOffset.FromUnixTimeSeconds(bucket * QuoteBucketSeconds);
        return new Quote(
            profile.Reference.Symbol,
            Math.Round((decimal)price, decimals, MidpointRounding.ToEven),
            Math.Round((decimal)previousClose, decimals, MidpointRounding.ToEven),
            asOf);
    }

    /// <summary>Simulated quotes change at most this often.</summary>
    internal const long QuoteBucketSeconds = 5;

    private static DateOnly LastClosedDay(DateTimeOffset now) => MarketCalendar.LastClosedSession(now);

    private static Func<DateOnly, double>? UsdPer(string currency)
    {
        if (currency == "USD")
        {
            return _ => 1.0;
        }

        foreach (var pair in SimulatedUniverse.FxPairs)
        {
            var symbol = pair.Reference.Symbol;
            if (symbol[..3] == currency && symbol[3..] == "USD")
            {
                return date => SimulatedMarket.Close(pair, date);
            }

            if (symbol[..3] == "USD" && symbol[3..] == currency)
            {
                return date => 1.0 / SimulatedMarket.Close(pair, date);
            }
        }

        return null;
    }

    // Monthly expiries (third Fridays) for the configured number of months, plus the next two Fridays.
    private static IEnumerable<DateOnly> Expiries(DateOnly day, int months)
    {
        var expiries = new SortedSet<DateOnly>();
        var friday = day.AddDays(((int)DayOfWeek.Friday - (int)day.DayOfWeek + 7) % 7);
        if (friday == day)
        {
            friday = friday.AddDays(7);
        }

        expiries.Add(friday);
        expiries.Add(friday.AddDays(7));
        for (var month = 0; expiries.Count(e => e.Day is >= 15 and <= 21 && e.DayOfWeek == DayOfWeek.Friday) < months && month < months + 2; month++)
        {
            var first = new DateOnly(day.Year, day.Month, 1).AddMonths(month);
            var third = first.AddDays(((int)DayOfWeek.Friday - (int)first.DayOfWeek + 7) % 7 + 14);
            if (third > day)
            {
                expiries.Add(third);
            }
        }

        return expiries;
    }

    private static double StrikeStep(double spot) => spot switch
    {
        < 25 => 1.0,
        < 100 => 2.5,
        < 250 => 5.0,
        < 1000 => 10.0,
        _ => 25.0,
    };

    private static decimal Cents(double price) => Math.Round((decimal)price, 2, MidpointRounding.ToEven);
}

public sealed class SimulatedProviderOptions
{
    public const string Section = "MarketData:Simulated";

    /// <summary>Monthly expiries in each simulated chain (plus two weeklies).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 24)]
    public int OptionExpiries { get; set; } = 6;
}
