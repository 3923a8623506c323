namespace Deals.Application.Tickers;

/// <summary>What marketdata said about a ticker, the last time deals asked.</summary>
public enum TickerStatus
{
    /// <summary>Marketdata knows the symbol and tracks it.</summary>
    Verified,

    /// <summary>Marketdata could not be asked (down, slow, refused our token); the verifier asks again later.</summary>
    Unverified,

    /// <summary>Marketdata answered that no provider knows the symbol.</summary>
    Unknown,
}
