using System.Collections.Concurrent;
using MarketData.Application.Providers;
using MarketData.Domain;
using MarketData.Infrastructure.Providers.Simulated;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace MarketData.Tests;

/// <summary>
/// The marketdata service in process on the real servers, on a database of its own (so the
/// end-to-end suite's marketdata, running at the same time, cannot refresh under these tests),
/// tracking a small seed universe. Daily bars come through <see cref="FaultyBars"/>, the simulated
/// provider with faults a test can switch on per symbol.
/// </summary>
public sealed class MarketDataApiFactory(TestSigningKey key, Uri jwksUri, string database, string? redis = null, IReadOnlyDictionary<string, string>? settings = null)
    : ServiceApiFactory<Program>("marketdata", key, jwksUri)
{
    public static readonly string[] SeedSymbols = ["SPY", "IWM", "QQQ", "TLT", "AAPL", "MSFT", "NVDA", "JPM", "BAC", "XOM", "CVX", "KO", "EURUSD", "USDJPY"];

    public const int HistoryYears = 3;

    public FaultyBars Bars { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Postgres", database);
        if (redis is not null)
        {
            builder.UseSetting("ConnectionStrings:Redis", redis);
        }

        for (var i = 0; i < SeedSymbols.Length; i++)
        {
            builder.UseSetting($"MarketData:SeedSymbols:{i}", SeedSymbols[i]);
        }

        builder.UseSetting("MarketData:HistoryYears", HistoryYears.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("MarketData:OptionUnderlyings:0", "SPY");
        builder.UseSetting("MarketData:OptionUnderlyings:1", "AAPL");
        builder.UseSetting("MarketData:Providers:DailyBars", FaultyBars.ProviderName);
        builder.UseSetting("MarketData:QuoteStream:Heartbeat", "00:00:01");
        builder.UseSetting("Jobs:PollInterval", "00:00:01");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IMarketDataProvider>(provider =>
            Bars.Wrap(provider.GetRequiredService<SimulatedProvider>())));
    }

    public HttpClient Admin() => ClientFor(out _, Platform.SharedKernel.PlatformRoles.Admin);

    public HttpClient Analyst() => ClientFor(out _, Platform.SharedKernel.PlatformRoles.Analyst);

    public HttpClient Service(string clientId, params string[] scopes) => ServiceClientFor(clientId, scopes);
}

/// <summary>
/// The simulated daily bars with injected faults: symbols that fail (as a provider that is down
/// would) and symbols whose payload is unsound (as a provider sending garbage would).
/// </summary>
public sealed class FaultyBars
{
    public const string ProviderName = "Faulty";

    public ConcurrentDictionary<string, string> Failing { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Garbage { get; } = new(StringComparer.Ordinal);

    public IMarketDataProvider Wrap(SimulatedProvider inner) => new Provider(this, inner);

    private sealed class Provider(FaultyBars faults, SimulatedProvider inner) : IDailyBarSource
    {
        public string Name => ProviderName;

        public async Task<IReadOnlyList<DailyBar>> GetDailyBarsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken)
        {
            if (faults.Failing.TryGetValue(symbol, out var reason))
            {
                throw new ProviderException(ProviderName, reason);
            }

            var bars = await inner.GetDailyBarsAsync(symbol, from, to, cancellationToken);
            if (faults.Garbage.ContainsKey(symbol) && bars.Count > 1)
            {
                // Sound bars, then one whose high is below its low: the whole answer must be refused.
                return [.. bars.Take(bars.Count - 1), bars[^1] with { High = bars[^1].Low - 1 }];
            }

            return bars;
        }
    }
}
