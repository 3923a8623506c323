using MarketData.Domain;
using MarketData.Infrastructure.Providers.Simulated;

namespace MarketDataBench;

/// <summary>
/// Synthetic equities <c>B0001</c>…: profiles spread over price, volatility, drift and market loading
/// (a pure function of the index, so every run writes the same bars), their paths from the simulated
/// market's own generator. Eleven synthetic sectors give the factor shocks something to share.
/// </summary>
internal static class SyntheticUniverse
{
    public static IReadOnlyList<SimulatedProfile> Profiles(int count) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var sector = $"Synthetic {i % 11:D2}";
            var reference = new AssetReference($"B{i:D4}", $"Benchmark Equity {i:D4}", AssetType.Equity, "XNYS", "USD", sector, "Synthetic");
            return new SimulatedProfile(reference,
                StartPrice: 5 + i * 37 % 400,
                AnnualVolatility: 0.15 + i % 40 / 100.0,
                AnnualDrift: -0.02 + i % 13 / 50.0,
                MarketLoading: 0.3 + i % 6 / 10.0,
                Factor: "sector:" + sector,
                FactorLoading: 0.35,
                AverageVolume: 500_000 + i * 7_919 % 20_000_000);
        }).ToList();

    /// <summary>Every trading day's bar of every profile from <paramref name="from"/> to <paramref name="to"/>, symbol by symbol.</summary>
    public static List<(Guid AssetId, DailyBar Bar)>[] Bars(IReadOnlyList<SimulatedProfile> profiles, IReadOnlyList<Guid> ids, DateOnly from, DateOnly to) =>
        profiles.Select((profile, i) => SimulatedMarket.Bars(profile, from, to).Select(bar => (ids[i], bar)).ToList()).ToArray();
}
