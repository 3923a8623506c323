using System.Text.RegularExpressions;

namespace Operations.Tests;

/// <summary>
/// The metric names a PromQL expression reads, and the checked-in list of names that really are
/// exported (<c>exported-metrics.txt</c>: sections of names captured from live /metrics output).
/// </summary>
public static partial class MetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
        "inf", "nan", "Inf", "NaN",
    };

    /// <summary>Every metric name an expression selects (functions, keywords, labels, strings and durations left out).</summary>
    public static IReadOnlySet<string> In(string expression)
    {
        var text = Strings().Replace(expression, "\"\"");
        text = Matchers().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var isCall = match.Groups["call"].Success;
            if (!isCall && !Keywords.Contains(name) && !name.StartsWith('$'))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The checked-in list, by section (<c>[service]</c>, <c>[rabbitmq]</c> ...): name → the rest of its line.</summary>
    public static Dictionary<string, Dictionary<string, string>> Exported()
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "exported-metrics.txt")))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                current = sections[line.Trim('[', ']')] = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            (current ?? throw new InvalidOperationException($"'{line}' precedes every [section]"))[parts[0]] = parts.Length > 1 ? parts[1].Trim() : "";
        }

        return sections;
    }

    /// <summary>The metric names in Prometheus' text exposition format (HELP/TYPE lines and samples).</summary>
    public static IReadOnlySet<string> InExposition(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('{', ' ')[0])
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"(?<![\w$.])(?<name>[$a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
