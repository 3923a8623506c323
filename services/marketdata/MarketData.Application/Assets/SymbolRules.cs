using FluentValidation;
using MarketData.Domain;

namespace MarketData.Application.Assets;

/// <summary>Validator rules for symbols and symbol lists, worded once.</summary>
public static class SymbolRules
{
    public static IRuleBuilderOptions<T, string?> ValidSymbol<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Symbols.IsValid).WithMessage(Symbols.Rule);

    /// <summary>A comma-separated list of 1 to <paramref name="max"/> symbols.</summary>
    public static IRuleBuilderOptions<T, string?> ValidSymbolList<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Must(value => IsValidList(ParseList(value), max)).WithMessage(ListRule(max));

    /// <summary>For endpoints that stream and so validate before MediatR: 1 to <paramref name="max"/> valid symbols.</summary>
    public static bool IsValidList(IReadOnlyList<string> symbols, int max) =>
        symbols.Count is > 0 && symbols.Count <= max && symbols.All(Symbols.IsValid);

    public static string ListRule(int max) => $"Must list 1 to {max} symbols separated by commas; each: {Symbols.Rule}";

    /// <summary>The distinct symbols of a comma-separated list, normalised, in the order given.</summary>
    public static List<string> ParseList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Symbols.Normalize(s) ?? s)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
