using FluentValidation;
using Identity.Domain;
using MediatR;
using Platform.ServiceDefaults.Application;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Application.Auth;

/// <summary>
/// Checks an email and password, with lockout, for every way of signing in: the sign-in page of the
/// code flow and the first-party password grant (<c>/api/v1/auth/login</c>). Issuing tokens is
/// OpenIddict's, after this succeeded.
/// </summary>
public sealed record SignInWithPassword(string Email, string Password) : IRequest<Result<User>>;

internal sealed class SignInWithPasswordValidator : AbstractValidator<SignInWithPassword>
{
    public SignInWithPasswordValidator()
    {
        // The email is looked up in the database: text it cannot hold (NUL) is refused here, not there.
        RuleFor(r => r.Email).NotEmpty().MaximumLength(256).SingleLineText();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(1024);
    }
}

internal sealed class SignInWithPasswordHandler(UserManager<User> users) : IRequestHandler<SignInWithPassword, Result<User>>
{
    // Verifying against a throwaway hash makes "no such user" cost as much as "wrong password",
    // so response times do not reveal which emails have accounts.
    private static readonly string DecoyHash = new PasswordHasher<User>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 210_000 })).HashPassword(null!, Guid.NewGuid().ToString());

    public async Task<Result<User>> Handle(SignInWithPassword request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(null!, DecoyHash, request.Password);
            return IdentityErrors.InvalidCredentials;
        }

        // A deactivated account answers exactly as an unknown email does, whatever the password: a
        // different answer for the right password would confirm it to whoever guessed it, and a distinct
        // "deactivated" would tell anyone which emails had accounts. The hash is still verified so the
        // time taken does not tell either; failures are not counted, as nothing can sign in anyway.
        if (!user.IsActive)
        {
            users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DecoyHash, request.Password);
            return IdentityErrors.InvalidCredentials;
        }

        if (await users.IsLockedOutAsync(user))
        {
            return IdentityErrors.LockedOut;
        }

        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user) ? IdentityErrors.LockedOut : IdentityErrors.InvalidCredentials;
        }

        await users.ResetAccessFailedCountAsync(user);
        return user;
    }
}
