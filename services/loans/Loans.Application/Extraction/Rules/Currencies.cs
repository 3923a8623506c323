namespace Loans.Application.Extraction.Rules;

/// <summary>ISO 4217 codes for the ways term sheets write currencies.</summary>
internal static class Currencies
{
    private static readonly HashSet<string> Codes =
        ["USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "SGD", "HKD", "NZD", "ZAR", "CNY", "INR", "BRL", "MXN", "PLN", "CZK"];

    /// <summary>The code for a symbol, code or name; null when it is none of them.</summary>
    public static string? FromSymbol(string symbol)
    {
        var key = symbol.Trim().ToUpperInvariant().Replace("  ", " ", StringComparison.Ordinal);
        if (Codes.Contains(key))
        {
            return key;
        }

        return key switch
        {
            "$" or "US$" or "U.S.$" or "U.S. $" or "DOLLAR" or "DOLLARS" => "USD",
            _ when key.Contains("DOLLAR", StringComparison.Ordinal) && key.StartsWith('U') => "USD",
            "€" or "EURO" or "EUROS" => "EUR",
            "UNITED STATES DOLLARS" or "UNITED STATES DOLLAR" => "USD",
            "£" or "STERLING" or "POUNDS" or "POUND STERLING" or "POUNDS STERLING" or "BRITISH POUNDS" => "GBP",
            "C$" or "CA$" or "CANADIAN DOLLARS" or "CANADIAN DOLLAR" => "CAD",
            "A$" or "AUSTRALIAN DOLLARS" or "AUSTRALIAN DOLLAR" => "AUD",
            "¥" or "YEN" or "JAPANESE YEN" => "JPY",
            "S$" => "SGD",
            "HK$" => "HKD",
            "SWISS FRANC" or "SWISS FRANCS" => "CHF",
            _ => null,
        };
    }

    /// <summary>A currency named in a "Currency:" cell: a code or a name, first one wins.</summary>
    public static string? FromCellText(string value)
    {
        // Names first: "Canadian Dollars" must not be read as its last word.
        var upper = value.ToUpperInvariant();
        foreach (var name in new[] { "CANADIAN DOLLARS", "AUSTRALIAN DOLLARS", "U.S. DOLLARS", "US DOLLARS", "UNITED STATES DOLLARS", "POUNDS STERLING", "SWISS FRANCS" })
        {
            if (upper.Contains(name, StringComparison.Ordinal))
            {
                return name.StartsWith('U') ? "USD" : FromSymbol(name);
            }
        }

        foreach (var word in value.Split([' ', ',', ';', '(', ')', '/', '\t', '|'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (FromSymbol(word) is { } code)
            {
                return code;
            }
        }

        return null;
    }
}
