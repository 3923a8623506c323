using Alerts.Domain;
using FluentValidation;
using Platform.SharedKernel;

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

/// <summary>Query values are camelCase enum names; the validators refuse anything else before a handler runs.</summary>
internal static class AlertQuery
{
    /// <summary>Empty or one of <typeparamref name="T"/>'s names.</summary>
    public static IRuleBuilderOptions<TRequest, string?> OneOf<TRequest, T>(this IRuleBuilder<TRequest, string?> rule)
        where T : struct, Enum =>
        rule.Must(value => string.IsNullOrWhiteSpace(value) || EnumText.Parse<T>(value) is not null).WithMessage($"One of {EnumText.Names<T>()}.");
}
