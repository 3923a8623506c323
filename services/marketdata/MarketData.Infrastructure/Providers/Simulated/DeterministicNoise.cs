using System.Text;

namespace MarketData.Infrastructure.Providers.Simulated;

/// <summary>
/// Random numbers that are a pure function of a key and a counter: the same on every machine, run
/// and .NET version (no <see cref="Random"/>, whose sequence is not guaranteed across versions, and
/// no <see cref="string.GetHashCode()"/>, which is randomised per process).
/// </summary>
internal static class DeterministicNoise
{
    /// <summary>A stable 64-bit hash of the key (FNV-1a over its UTF-8 bytes).</summary>
    public static ulong Seed(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Uniform on (0, 1), never 0 or 1 (safe under a logarithm).</summary>
    public static double Uniform(ulong seed, long counter, int draw)
    {
        var bits = SplitMix(seed ^ SplitMix((ulong)counter * 0x9E3779B97F4A7C15UL + (ulong)draw));
        return ((bits >> 11) + 0.5) / (1UL << 53);
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Normal(ulong seed, long counter, int draw = 0)
    {
        var u1 = Uniform(seed, counter, 2 * draw);
        var u2 = Uniform(seed, counter, 2 * draw + 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// A Student-t draw with 4 degrees of freedom scaled to unit variance: fat tails (kurtosis well
    /// above the normal's), so simulated crashes happen about as often as real ones.
    /// </summary>
    public static double FatTailed(ulong seed, long counter)
    {
        var z = Normal(seed, counter, 0);
        var chiSquare = 0.0;
        for (var i = 1; i <= 4; i++)
        {
            var n = Normal(seed, counter, i);
            chiSquare += n * n;
        }

        // t = z / sqrt(chi2/4) has variance 4/(4-2) = 2.
        return z / Math.Sqrt(chiSquare / 4.0) / Math.Sqrt(2.0);
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
