namespace MarketData.Infrastructure.Providers.Http;

/// <summary>How the platform's symbols (<see cref="MarketData.Domain.Symbols"/>) read as vendor tickers.</summary>
internal static class VendorSymbols
{
    /// <summary>
    /// An FX pair is six letters (<c>EURUSD</c>): US share tickers have at most five, so the two never meet.
    /// </summary>
    public static bool IsFxPair(string symbol) => symbol.Length == 6 && symbol.All(char.IsAsciiLetterUpper);

    public static bool IsIndex(string symbol) => symbol.StartsWith('^');
}
