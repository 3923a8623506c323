using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Pricing;

/// <summary>
/// Contracts with spot and strike between 1 and 1000, and every 16th one degenerate: at or past
/// expiry, without volatility, moments from expiry, exactly at the money, with huge volatility, or
/// without rates.
/// </summary>
internal static class RandomContracts
{
    public static OptionBatch Batch(int count, int seed)
    {
        var random = new Random(seed);
        var batch = new OptionBatch(count) { Count = count };
        for (int i = 0; i < count; i++)
        {
            var contract = new OptionContract(
                random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put,
                Spot: Math.Exp(random.NextDouble() * Math.Log(1000)),
                Strike: Math.Exp(random.NextDouble() * Math.Log(1000)),
                TimeToExpiry: 5 * random.NextDouble(),
                Rate: -0.01 + 0.11 * random.NextDouble(),
                DividendYield: 0.06 * random.NextDouble(),
                Volatility: 0.01 + 1.5 * random.NextDouble());
            batch.Set(i, i % 16 == 15 ? Degenerate(contract, i / 16) : contract);
        }

        return batch;
    }

    private static OptionContract Degenerate(OptionContract contract, int kind) => (kind % 8) switch
    {
        0 => contract with { TimeToExpiry = 0 },
        1 => contract with { TimeToExpiry = -0.5 },
        2 => contract with { Volatility = 0 },
        3 => contract with { TimeToExpiry = 1e-6 },
        4 => contract with { Strike = contract.Spot },
        5 => contract with { Strike = contract.Spot, TimeToExpiry = 0 },
        6 => contract with { Volatility = 4.0, TimeToExpiry = 10 },
        _ => contract with { Rate = 0, DividendYield = 0 },
    };
}
