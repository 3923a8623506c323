using System.Text.RegularExpressions;

namespace MarketData.Domain;

/// <summary>
/// The one spelling of a symbol: upper case letters and digits, optionally with the class and
/// market suffixes exchanges use (<c>BRK.B</c>, <c>RDS-A</c>), an index caret (<c>^GSPC</c>), or an
/// FX pair of two ISO 4217 codes (<c>EURUSD</c>). Anything else never reaches a provider or the database.
/// </summary>
public static partial class Symbols
{
    public const int MaxLength = 15;

    public const string Rule = "Must be a symbol of 1-15 characters: letters, digits and . - ^ (such as AAPL, BRK.B, ^GSPC, EURUSD).";

    /// <summary>The canonical form (trimmed, upper case), or null when <paramref name="value"/> is not a symbol.</summary>
    public static string? Normalize(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var symbol = value.Trim().ToUpperInvariant();
        return SymbolPattern().IsMatch(symbol) ? symbol : null;
    }

    public static bool IsValid(string? value) => Normalize(value) is not null;

    /// <summary>ISO 4217 alphabetic code: three upper case letters.</summary>
    public static bool IsCurrency(string? value) => value is { Length: 3 } && value.All(char.IsAsciiLetterUpper);

    [GeneratedRegex(@"^\^?[A-Z0-9]{1,10}([.\-][A-Z0-9]{1,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolPattern();
}
