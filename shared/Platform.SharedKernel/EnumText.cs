namespace Platform.SharedKernel;

/// <summary>Enums as the API writes them: camelCase names, never numbers.</summary>
public static class EnumText
{
    /// <summary>
    /// The member named <paramref name="value"/> (any case), or null. Numbers and comma-joined
    /// names are refused: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would accept
    /// both, and turn them into values no client ever saw.
    /// </summary>
    public static T? Parse<T>(string? value)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        return !char.IsDigit(text[0]) && !int.TryParse(text, out _) && !text.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse<T>(text, ignoreCase: true, out var parsed)
                ? parsed
                : null;
    }

    /// <summary>One member as the API and the database spell it (<c>PendingReview</c> → <c>pendingReview</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The members' names in camelCase, comma-separated, for "one of …" messages.</summary>
    public static string Names<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(name => char.ToLowerInvariant(name[0]) + name[1..]));
}
