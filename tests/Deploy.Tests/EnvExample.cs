using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>The variables <c>/.env.example</c> documents (set or commented out: <c>#NAME=value</c>).</summary>
internal static partial class EnvExample
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Lines = new(() =>
        Assignment().Matches(Repo.Read(".env.example"))
            .GroupBy(m => m.Groups[1].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Groups[2].Value.Trim(), StringComparer.Ordinal));

    public static IReadOnlyCollection<string> Names => (IReadOnlyCollection<string>)Lines.Value.Keys;

    public static IReadOnlyDictionary<string, string> Values => Lines.Value;

    [GeneratedRegex(@"^#?([A-Za-z_][A-Za-z0-9_]*)=(.*)$", RegexOptions.Multiline)]
    private static partial Regex Assignment();
}
