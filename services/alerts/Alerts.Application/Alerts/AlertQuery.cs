using Alerts.Domain;
using FluentValidation;

namespace Alerts.Application.Alerts;

/// <summary>Which alerts a list shows, by their read and dismissed state.</summary>
public enum AlertStatus
{
    /// <summary>Not dismissed (the default).</summary>
    Active,

    /// <summary>Neither read nor dismissed.</summary>
    Unread,

    /// <summary>Read and not dismissed.</summary>
    Read,

    Dismissed,
    All,
}

/// <summary>Parses the query's camelCase names; the validators refuse anything else before a handler runs.</summary>
internal static class AlertQuery
{
    public static T? Parse<T>(string? value)
        where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, out _) && Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) ? parsed : null;

    public static string Names<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(name => char.ToLowerInvariant(name[0]) + name[1..]));

    /// <summary>Empty or one of <typeparamref name="T"/>'s names.</summary>
    public static IRuleBuilderOptions<TRequest, string?> OneOf<TRequest, T>(this IRuleBuilder<TRequest, string?> rule)
        where T : struct, Enum =>
        rule.Must(value => string.IsNullOrWhiteSpace(value) || Parse<T>(value) is not null).WithMessage($"One of {Names<T>()}.");
}
