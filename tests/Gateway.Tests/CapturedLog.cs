using Microsoft.Extensions.Logging;

namespace Gateway.Tests;

/// <summary>One log entry as a provider received it: the rendered message and the structured fields.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields, Exception? Exception)
{
    public object? this[string field] => Fields.GetValueOrDefault(field);

    /// <summary>Everything the entry would put in a log sink, as text.</summary>
    public string AllText() =>
        string.Join("\n", [Category, Message, .. Fields.Select(field => $"{field.Key}={field.Value}"), Exception?.ToString() ?? ""]);
}
