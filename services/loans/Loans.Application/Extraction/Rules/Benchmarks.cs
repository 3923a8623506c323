namespace Loans.Application.Extraction.Rules;

/// <summary>The benchmark rates a floating loan can reference, as written and as canonical names.</summary>
internal static class Benchmarks
{
    /// <summary>
    /// A benchmark with its usual qualifiers ("Term SOFR", "Daily Simple SOFR", "3-month EURIBOR", "WSJ
    /// Prime Rate"); group <c>bench</c> holds the name itself.
    /// </summary>
    public const string Pattern =
        @"(?:(?:Term|Daily|Simple|Compounded|Compounded[ ]in[ ]Arrears|Overnight|CME|one-month|three-month|six-month|1-month|3-month|6-month|1M|3M|6M|the|applicable|relevant)[ ]+)*(?<bench>SOFR|EURIBOR|SONIA|€STR|ESTR|€[ ]?STR|euro[ ]short-term[ ]rate|CORRA|SARON|TONAR?|TORF|(?:WSJ\s+|Wall\s+Street\s+Journal\s+|U\.S\.\s+)?Prime(?:\s+Rate)?)\b";

    public static string Canonical(string written)
    {
        var upper = written.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        return upper switch
        {
            "€STR" or "ESTR" or "EUROSHORT-TERMRATE" => "ESTR",
            "TONAR" or "TONA" or "TORF" => "TONA",
            _ when upper.Contains("PRIME", StringComparison.Ordinal) => "PRIME",
            _ => upper,
        };
    }
}
