using MarketData.Domain;

namespace MarketData.Application.Providers;

/// <summary>
/// A market data provider: one implementation per vendor (Simulated, Polygon, TwelveData). Each
/// capability below is its own interface, and configuration (<c>MarketData:Providers</c>) names the
/// provider per capability, so quotes may come from one vendor and reference data from another.
/// Implementations validate every payload: a bad or partial answer throws
/// <see cref="ProviderPayloadException"/> and is never returned, so nothing half-right is stored.
/// </summary>
public interface IMarketDataProvider
{
    /// <summary>The name configuration uses (<c>Simulated</c>, <c>Polygon</c>, <c>TwelveData</c>).</summary>
    string Name { get; }
}

public interface IReferenceDataSource : IMarketDataProvider
{
    /// <summary>The symbol's reference data (with GICS sector and industry where the vendor has them), or null when the vendor does not know it.</summary>
    Task<AssetReference?> FindAssetAsync(string symbol, CancellationToken cancellationToken);
}

public interface IDailyBarSource : IMarketDataProvider
{
    /// <summary>Daily bars from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first; trading days only.</summary>
    Task<IReadOnlyList<DailyBar>> GetDailyBarsAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}

public interface IQuoteSource : IMarketDataProvider
{
    /// <summary>Latest quotes of the symbols the vendor knows; unknown symbols are left out.</summary>
    Task<IReadOnlyList<Quote>> GetQuotesAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken);
}

public interface IFxRateSource : IMarketDataProvider
{
    /// <summary>Daily rates of one pair from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first.</summary>
    Task<IReadOnlyList<FxRate>> GetFxRatesAsync(string baseCurrency, string quoteCurrency, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}

public interface IOptionChainSource : IMarketDataProvider
{
    /// <summary>The underlying's chain as of <paramref name="asOf"/> (the vendor's latest snapshot when that is today).</summary>
    Task<OptionChain> GetOptionChainAsync(string underlying, DateOnly asOf, CancellationToken cancellationToken);
}

/// <summary>The provider could not answer: unreachable, refusing (429, 5xx, circuit open) or out of budget.</summary>
public class ProviderException(string provider, string message, Exception? inner = null) : Exception($"{provider}: {message}", inner)
{
    public string Provider { get; } = provider;
}

/// <summary>The provider answered with something that is not sound market data; nothing of it is kept.</summary>
public sealed class ProviderPayloadException(string provider, string message, Exception? inner = null) : ProviderException(provider, message, inner);
