namespace Portfolio.Domain.Portfolios;

/// <summary>ISO 4217 codes the platform prices in: three upper-case ASCII letters.</summary>
public static class Currencies
{
    public const string Default = "USD";

    public static bool IsCode(string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}
