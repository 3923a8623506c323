using System.Collections.Concurrent;
using MarketData.Application.Refresh;
using MarketData.Domain;

namespace MarketData.Infrastructure.Providers.Simulated;

/// <summary>
/// The simulated market: a daily path per instrument from <see cref="Origin"/>, a pure function of
/// the symbol and the date. Each weekday's log return is drift plus volatility times a mix of three
/// unit-variance, fat-tailed shocks (the market's, the instrument's factor's such as its GICS
/// sector, and its own), weighted by the profile's correlations; a monthly volatility regime shared
/// by all instruments clusters calm and stormy months. Weekends are not trading days; exchange
/// holidays are not modelled.
/// </summary>
public static class SimulatedMarket
{
    public const double TradingDaysPerYear = 252.0;

    /// <summary>The first trading day of every simulated path; no bar exists before it.</summary>
    public static readonly DateOnly Origin = new(2015, 1, 2);

    private static readonly ulong MarketSeed = DeterministicNoise.Seed("market");
    private static readonly ulong RegimeSeed = DeterministicNoise.Seed("regime");
    private static readonly ConcurrentDictionary<string, Path> Paths = new(StringComparer.Ordinal);

    public static bool IsTradingDay(DateOnly date) => MarketCalendar.IsTradingDay(date);

    public static DateOnly TradingDayOnOrBefore(DateOnly date) => MarketCalendar.TradingDayOnOrBefore(date);

    public static DateOnly PreviousTradingDay(DateOnly date) => TradingDayOnOrBefore(date.AddDays(-1));

    /// <summary>Bars from <paramref name="from"/> to <paramref name="to"/>, oldest first; none before <see cref="Origin"/>.</summary>
    public static IReadOnlyList<DailyBar> Bars(SimulatedProfile profile, DateOnly from, DateOnly to)
    {
        if (from < Origin)
        {
            from = Origin;
        }

        var bars = new List<DailyBar>();
        if (to < from)
        {
            return bars;
        }

        var path = PathOf(profile, to);
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (IsTradingDay(date))
            {
                bars.Add(path.Bar(Index(date)));
            }
        }

        return bars;
    }

    /// <summary>The unrounded close on the trading day on or before <paramref name="date"/>.</summary>
    public static double Close(SimulatedProfile profile, DateOnly date)
    {
        var day = TradingDayOnOrBefore(date);
        return day < Origin ? profile.StartPrice : PathOf(profile, day).Close(Index(day));
    }

    /// <summary>The instrument's annual volatility in the month of <paramref name="date"/> (its regime applied).</summary>
    public static double Volatility(SimulatedProfile profile, DateOnly date) => profile.AnnualVolatility * Regime(date);

    /// <summary>Decimals a price of this instrument is quoted with.</summary>
    public static int PriceDecimals(SimulatedProfile profile) =>
        profile.Reference.Type == AssetType.FxPair ? (profile.StartPrice > 20 ? 3 : 5) : 2;

    /// <summary>The number of trading days from <see cref="Origin"/> to <paramref name="date"/> (a weekday).</summary>
    private static int Index(DateOnly date)
    {
        var days = date.DayNumber - Origin.DayNumber;
        var weeks = days / 7;
        var rest = days % 7;
        // Origin is a Friday: of the rest days after it, a Saturday or Sunday is skipped.
        var extra = 0;
        for (var i = 1; i <= rest; i++)
        {
            if (IsTradingDay(Origin.AddDays(weeks * 7 + i)))
            {
                extra++;
            }
        }

        return weeks * 5 + extra;
    }

    private static DateOnly DateOf(int index)
    {
        var date = Origin.AddDays(index / 5 * 7);
        for (var left = index % 5; left > 0;)
        {
            date = date.AddDays(1);
            if (IsTradingDay(date))
            {
                left--;
            }
        }

        return date;
    }

    // Monthly regime: lognormal around 1, the same for every instrument (storms are market-wide).
    private static double Regime(DateOnly date) =>
        Math.Exp(0.35 * DeterministicNoise.Normal(RegimeSeed, date.Year * 12L + date.Month) - 0.35 * 0.35 / 2);

    private static Path PathOf(SimulatedProfile profile, DateOnly upTo)
    {
        var needed = Index(upTo) + 1;
        var symbol = profile.Reference.Symbol;
        if (Paths.TryGetValue(symbol, out var path) && path.Length >= needed)
        {
            return path;
        }

        // Computed ahead by a year so that daily growth does not recompute the path every day.
        path = new Path(profile, needed + (int)TradingDaysPerYear);
        Paths[symbol] = path;
        return path;
    }

    private sealed class Path
    {
        private readonly SimulatedProfile _profile;
        private readonly double[] _closes;
        private readonly double[] _opens;
        private readonly double[] _highs;
        private readonly double[] _lows;
        private readonly long[] _volumes;
        private readonly int _decimals;

        public Path(SimulatedProfile profile, int length)
        {
            _profile = profile;
            _decimals = PriceDecimals(profile);
            _closes = new double[length];
            _opens = new double[length];
            _highs = new double[length];
            _lows = new double[length];
            _volumes = new long[length];

            var own = DeterministicNoise.Seed("asset:" + profile.Reference.Symbol);
            var factor = DeterministicNoise.Seed("factor:" + profile.Factor);
            var a = profile.MarketLoading;
            var b = profile.FactorLoading;
            var shared = a * a + b * b;
            if (shared > 0.999)
            {
                var scale = Math.Sqrt(0.999 / shared);
                a *= scale;
                b *= scale;
                shared = 0.999;
            }

            var c = Math.Sqrt(1.0 - shared);
            var previous = profile.StartPrice;
            for (var i = 0; i < length; i++)
            {
                var date = DateOf(i);
                long day = date.DayNumber;
                var sigma = profile.AnnualVolatility * Regime(date);
                var dailySigma = sigma / Math.Sqrt(TradingDaysPerYear);
                var shock = a * DeterministicNoise.FatTailed(MarketSeed, day)
                    + b * DeterministicNoise.FatTailed(factor, day)
                    + c * DeterministicNoise.FatTailed(own, day);
                var pull = -profile.MeanReversion * Math.Log(previous / profile.StartPrice);
                var logReturn = (profile.AnnualDrift - sigma * sigma / 2 + pull) / TradingDaysPerYear + dailySigma * shock;
                // A floor keeps a pathological draw from a zero or negative price.
                var close = Math.Max(previous * Math.Exp(logReturn), profile.StartPrice * 0.01);
                var open = i == 0 ? profile.StartPrice : previous * Math.Exp(0.25 * dailySigma * DeterministicNoise.Normal(own, day, 7));
                var top = Math.Max(open, close);
                var bottom = Math.Min(open, close);
                _closes[i] = close;
                _opens[i] = open;
                _highs[i] = top * Math.Exp(Math.Abs(0.4 * dailySigma * DeterministicNoise.Normal(own, day, 8)));
                _lows[i] = bottom * Math.Exp(-Math.Abs(0.4 * dailySigma * DeterministicNoise.Normal(own, day, 9)));
                _volumes[i] = profile.AverageVolume == 0
                    ? 0
                    : (long)(profile.AverageVolume * Math.Exp(0.35 * DeterministicNoise.Normal(own, day, 10)) * (1 + Math.Min(Math.Abs(shock), 5) * 0.3));
                previous = close;
            }
        }

        public int Length => _closes.Length;

        public double Close(int index) => _closes[index];

        public DailyBar Bar(int index)
        {
            var close = Round(_closes[index]);
            return new DailyBar(DateOf(index), Round(_opens[index]), Round(_highs[index]), Round(_lows[index]), close, close, _volumes[index]);
        }

        private decimal Round(double price) => Math.Round((decimal)price, _decimals, MidpointRounding.ToEven);
    }
}
