using System.Collections.Frozen;
using System.IO.Compression;
using Identity.Domain;
using Microsoft.AspNetCore.Identity;

namespace Identity.Application.Users;

/// <summary>
/// NIST SP 800-63B section 5.1.1.2: a new password is checked against passwords known to be common or
/// breached, and against words from the context (the email's local part, the display name, the
/// service's name), besides the length rule. Runs inside ASP.NET Core Identity, so every way a
/// password is set (registration, admin creation, demo seeding) applies it. The list and its source:
/// docs/security.md.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<User>
{
    /// <summary>The name users know the service by: a password built on it is among the first guessed.</summary>
    public const string ServiceName = "platform";

    // Shorter context words (a three-letter local part) would forbid too many good passphrases by containing them.
    private const int MinContainedWordLength = 4;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (Common.Value.Contains(password))
        {
            return Refuse("PasswordCommon", "This password is on a list of common or breached passwords; choose another.");
        }

        var contextWord = ContextWords(user).FirstOrDefault(word =>
            password.Equals(word, StringComparison.OrdinalIgnoreCase)
            || (word.Length >= MinContainedWordLength && password.Contains(word, StringComparison.OrdinalIgnoreCase)));
        return contextWord is null
            ? Task.FromResult(IdentityResult.Success)
            : Refuse("PasswordContextWord", "The password must not contain your email name, your display name or the service's name.");
    }

    private static IEnumerable<string> ContextWords(User user)
    {
        yield return ServiceName;
        if (user.Email is { } email && email.Split('@')[0] is { Length: > 0 } localPart)
        {
            yield return localPart;
        }

        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            yield return user.DisplayName.Trim();
            foreach (var word in user.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return word;
            }
        }
    }

    private static Task<IdentityResult> Refuse(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static FrozenSet<string> Load()
    {
        using var resource = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Identity.Application.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common-password list is not embedded in Identity.Application.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
