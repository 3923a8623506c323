using FluentValidation;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Identity.Domain;
using MediatR;
using Platform.ServiceDefaults.Application;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Application.Auth;

/// <summary>The password grant, behind both <c>/connect/token</c> and <c>/api/v1/auth/login</c>.</summary>
public sealed record SignInWithPassword(string Email, string Password, string? ClientId = null, string? ClientSecret = null)
    : IRequest<Result<TokenSet>>;

internal sealed class SignInWithPasswordValidator : AbstractValidator<SignInWithPassword>
{
    public SignInWithPasswordValidator()
    {
        // The email is looked up in the database: text it cannot hold (NUL) is refused here, not there.
        RuleFor(r => r.Email).NotEmpty().MaximumLength(256).SingleLineText();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(1024);
    }
}

internal sealed class SignInWithPasswordHandler(
    IdentityDb db, UserManager<User> users, ClientAuthenticator clients, TokenIssuer tokens)
    : IRequestHandler<SignInWithPassword, Result<TokenSet>>
{
    // Verifying against a throwaway hash makes "no such user" cost as much as "wrong password",
    // so response times do not reveal which emails have accounts.
    private static readonly string DecoyHash = new PasswordHasher<User>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 210_000 })).HashPassword(null!, Guid.NewGuid().ToString());

    public async Task<Result<TokenSet>> Handle(SignInWithPassword request, CancellationToken cancellationToken)
    {
        var client = clients.Authenticate(request.ClientId, request.ClientSecret, GrantTypes.Password);
        if (!client.IsSuccess)
        {
            return client.Error!;
        }

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
        var roles = (await users.GetRolesAsync(user)).ToList();
        var tokenSet = tokens.SignIn(db, user, roles, client.Value.ClientId);
        await db.SaveChangesAsync(cancellationToken);
        return tokenSet;
    }
}
