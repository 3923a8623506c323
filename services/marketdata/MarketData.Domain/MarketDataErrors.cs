using Platform.SharedKernel;

namespace MarketData.Domain;

public static class MarketDataErrors
{
    public static Error UnknownSymbol(string symbol) =>
        Error.NotFound("marketdata.unknown_symbol", $"No asset with the symbol '{symbol}' is known.");

    public static Error NotTracked(string symbol) =>
        Error.NotFound("marketdata.unknown_symbol", $"The symbol '{symbol}' is not tracked here. An admin can start tracking it with POST /api/v1/assets.");

    /// <summary>Some symbols of a list call are not tracked; <c>symbols</c> lists them, so a caller can retry without them.</summary>
    public static Error NotTracked(IReadOnlyList<string> symbols) =>
        Error.NotFound("marketdata.unknown_symbol", $"Not tracked here: {string.Join(", ", symbols)}.")
            with { Details = new Dictionary<string, object?> { ["symbols"] = symbols } };

    public static Error NoFxRate(string baseCurrency, string quoteCurrency, DateOnly date) =>
        Error.NotFound("marketdata.no_fx_rate", $"No {baseCurrency}/{quoteCurrency} rate is known on or before {date:yyyy-MM-dd}.");

    public static Error NoOptionChain(string symbol) =>
        Error.NotFound("marketdata.no_option_chain", $"No option chain is stored for '{symbol}'.");

    public static Error ProviderUnavailable(string provider, string reason) =>
        Error.Unavailable("marketdata.provider_unavailable", $"The market data provider {provider} is unavailable: {reason}");
}
