using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>
/// The configuration keys a deployable reads, from its code: its appsettings.json, the sections its
/// options classes bind (<c>SectionName = "..."</c>) with the properties those classes have, and
/// literal keys (<c>Configuration["..."]</c>, <c>GetValue("...")</c>, <c>GetConnectionString("...")</c>).
/// An environment variable <c>A__B__C</c> is configuration key <c>A:B:C</c>; binding ignores case.
/// </summary>
internal static partial class ConfigKeys
{
    /// <summary>Read by the ASP.NET Core host itself, not by our code.</summary>
    private static readonly string[] HostKeys = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS"];

    private static readonly ConcurrentDictionary<string, Known> Cache = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="environmentVariable"/> is read by <paramref name="deployable"/>, else why not.</summary>
    public static string? Check(string deployable, string environmentVariable)
    {
        if (HostKeys.Contains(environmentVariable, StringComparer.Ordinal))
        {
            return null;
        }

        var known = Cache.GetOrAdd(deployable, Load);
        var key = environmentVariable.Replace("__", ":", StringComparison.Ordinal);
        var withoutIndexes = string.Join(':', key.Split(':').Where(s => !s.All(char.IsAsciiDigit)));
        if (known.Keys.Contains(key) || known.Keys.Contains(withoutIndexes))
        {
            return null;
        }

        foreach (var section in known.Sections.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
        {
            var rest = key[(section.Length + 1)..].Split(':').Where(s => !s.All(char.IsAsciiDigit)).ToList();
            // A segment is an options property, or a name chosen in code ("Polygon") or configuration
            // (Services:<deployable>).
            if (rest.All(s => known.Properties.Contains(s) || known.Names.Contains(s) || Repo.Deployables.Contains(s, StringComparer.OrdinalIgnoreCase)))
            {
                return null;
            }
        }

        return $"{deployable} reads no configuration key {key} (not in its appsettings.json, and no options class binds it)";
    }

    private static Known Load(string deployable)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var properties = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.Ordinal);
        using (var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.ProjectOf(deployable), "appsettings.json"))))
        {
            Flatten(settings.RootElement, "", keys);
        }

        foreach (var file in Repo.SourcesOf(deployable))
        {
            var source = File.ReadAllText(file);
            sections.UnionWith(SectionConstant().Matches(source).Select(m => m.Groups[1].Value));
            keys.UnionWith(ConfigurationLiteral().Matches(source).Select(m => m.Groups[1].Value));
            keys.UnionWith(ConnectionString().Matches(source).Select(m => "ConnectionStrings:" + m.Groups[1].Value));
            properties.UnionWith(PublicProperty().Matches(source).Select(m => m.Groups[1].Value));
            names.UnionWith(NameLiteral().Matches(source).Select(m => m.Groups[1].Value));
        }

        return new Known(keys, sections, properties, names);
    }

    private static void Flatten(JsonElement element, string prefix, HashSet<string> keys)
    {
        if (prefix.Length > 0)
        {
            keys.Add(prefix);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", keys);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{index++}", keys);
                }

                break;
        }
    }

    private sealed record Known(HashSet<string> Keys, HashSet<string> Sections, HashSet<string> Properties, HashSet<string> Names);

    [GeneratedRegex(@"\b(?:SectionName|Section)\s*=\s*""([A-Za-z][A-Za-z0-9:]*)""")]
    private static partial Regex SectionConstant();

    // "Database:MigrateOnStartup", "OTEL_EXPORTER_OTLP_ENDPOINT", EnabledKey = "Gateway:ApiReference:Enabled".
    [GeneratedRegex(@"(?:[Cc]onfiguration\[""|GetValue(?:<[^>]+>)?\(""|const string \w+ = "")([A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)*)""")]
    private static partial Regex ConfigurationLiteral();

    // A word in quotes: provider names and other section names picked in code.
    [GeneratedRegex(@"""([A-Z][A-Za-z0-9]+)""")]
    private static partial Regex NameLiteral();

    [GeneratedRegex(@"GetConnectionString\(""([^""]+)""\)")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"\bpublic\s+(?:required\s+)?(?:virtual\s+)?[\w<>\[\]?,. ]+?\s+(\w+)\s*\{\s*(?:get|init|set)")]
    private static partial Regex PublicProperty();
}
