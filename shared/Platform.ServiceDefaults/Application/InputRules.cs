using FluentValidation;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Application;

/// <summary>Validator rules for the shared input rules (<see cref="ClientText"/>, <see cref="Paging"/>), so every use case words them alike.</summary>
public static class InputRules
{
    /// <summary>
    /// A field that is one line (names, emails, identifiers): besides what every JSON string is refused
    /// (NUL, controls, unpaired surrogates), tab, CR and LF are refused too.
    /// </summary>
    public static IRuleBuilderOptions<T, string> SingleLineText<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(value => value is null || ClientText.Problem(value, multiLine: false) is null)
            .WithMessage((_, value) => ClientText.Problem(value, multiLine: false));

    public static IRuleBuilderOptions<T, int> ValidPage<T>(this IRuleBuilder<T, int> rule) =>
        rule.Must(Paging.IsValidPage).WithMessage(Paging.PageRule);

    public static IRuleBuilderOptions<T, int> ValidPageSize<T>(this IRuleBuilder<T, int> rule) =>
        rule.Must(Paging.IsValidPageSize).WithMessage(Paging.PageSizeRule);
}
