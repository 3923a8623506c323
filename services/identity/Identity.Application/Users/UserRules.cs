using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;

namespace Identity.Application.Users;

/// <summary>Field rules shared by registration and admin-created accounts.</summary>
internal static class UserRules
{
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(256).EmailAddress().SingleLineText();

    public static IRuleBuilderOptions<T, string> ValidDisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(200).SingleLineText();

    // The length rule and the common-password and context checks (CommonPasswordValidator) run inside
    // ASP.NET Core Identity, for every way a password is set; this only bounds the input before hashing.
    public static IRuleBuilderOptions<T, string> ValidPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(256);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>> ValidRoles<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule) =>
        rule.NotNull()
            .Must(roles => roles.Count > 0).WithMessage("At least one role is required.")
            .Must(roles => roles.All(PlatformRoles.All.Contains))
            .WithMessage($"Roles must be among: {string.Join(", ", PlatformRoles.All.Order(StringComparer.Ordinal))}.");

    /// <summary>Translates ASP.NET Core Identity's refusals into our error values.</summary>
    public static Error ToError(this IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
        {
            return Domain.IdentityErrors.EmailTaken;
        }

        var field = result.Errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email";
        return Error.Validation(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
    }
}
