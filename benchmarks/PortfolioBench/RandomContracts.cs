using Portfolio.Domain.Pricing;

namespace PortfolioBench;

/// <summary>A trading book's spread of contracts: spot and strike 1–1000, up to 5 years, 1–151% volatility.</summary>
internal static class RandomContracts
{
    public static OptionBatch Batch(int count, int seed)
    {
        var random = new Random(seed);
        var batch = new OptionBatch(count) { Count = count };
        for (int i = 0; i < count; i++)
        {
            batch.Set(i, new OptionContract(
                random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put,
                Spot: Math.Exp(random.NextDouble() * Math.Log(1000)),
                Strike: Math.Exp(random.NextDouble() * Math.Log(1000)),
                TimeToExpiry: 5 * random.NextDouble(),
                Rate: 0.1 * random.NextDouble(),
                DividendYield: 0.06 * random.NextDouble(),
                Volatility: 0.01 + 1.5 * random.NextDouble()));
        }

        return batch;
    }
}
