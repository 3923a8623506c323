using FluentValidation;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Identity.Domain;
using MediatR;
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
        RuleFor(r => r.Email).NotEmpty().MaximumLength(256);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(1024);
    }
}

internal sealed class SignInWithPasswordHandler(
    IdentityDb db, UserManager<User> users, ClientAuthenticator clients, TokenIssuer tokens)
    : IRequestHandler<SignInWithPassword, Result<TokenSet>>
{
    // Verifying against a throwaway hash makes "no such user" cost as much as "wrong password",
    // so response times do not reveal which emails have accounts.
    private static readonly string DecoyHash = new PasswordHasher<User>().HashPassword(null!, Guid.NewGuid().ToString());

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

        if (await users.IsLockedOutAsync(user))
        {
            return IdentityErrors.LockedOut;
        }

        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user) ? IdentityErrors.LockedOut : IdentityErrors.InvalidCredentials;
        }

        if (!user.IsActive)
        {
            return IdentityErrors.AccountDeactivated;
        }

        await users.ResetAccessFailedCountAsync(user);
        var roles = (await users.GetRolesAsync(user)).ToList();
        var tokenSet = tokens.SignIn(db, user, roles, client.Value.ClientId);
        await db.SaveChangesAsync(cancellationToken);
        return tokenSet;
    }
}
