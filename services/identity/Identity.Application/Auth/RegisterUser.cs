using FluentValidation;
using Identity.Application.Persistence;
using Identity.Application.Users;
using Identity.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity;
using Platform.Persistence;
using Platform.SharedKernel;

namespace Identity.Application.Auth;

/// <summary>Self-registration: a new account with the analyst role, unless switched off by configuration.</summary>
public sealed record RegisterUser(string Email, string Password, string DisplayName) : IRequest<Result<UserView>>;

internal sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public RegisterUserValidator()
    {
        RuleFor(r => r.Email).ValidEmail();
        RuleFor(r => r.Password).ValidPassword();
        RuleFor(r => r.DisplayName).ValidDisplayName();
    }
}

internal sealed class RegisterUserHandler(IdentityDb db, UserManager<User> users, IOptions<IdentityServiceOptions> options, TimeProvider clock)
    : IRequestHandler<RegisterUser, Result<UserView>>
{
    public async Task<Result<UserView>> Handle(RegisterUser request, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowSelfRegistration)
        {
            return IdentityErrors.RegistrationClosed;
        }

        return await UserCreation.CreateAsync(db, users, request.Email, request.Password, request.DisplayName, [PlatformRoles.Analyst], clock);
    }
}

/// <summary>Creating an account with roles, for registration and for administrators.</summary>
internal static class UserCreation
{
    /// <summary>The account, its roles and the <see cref="UserRegistered"/> event commit together or not at all.</summary>
    public static async Task<Result<UserView>> CreateAsync(
        IdentityDb db, UserManager<User> users, string email, string password, string displayName, IReadOnlyList<string> roles, TimeProvider clock)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = User.Create(email, displayName);
        try
        {
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return created.ToError();
            }
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return IdentityErrors.EmailTaken;
        }

        var assigned = await users.AddToRolesAsync(user, roles);
        if (!assigned.Succeeded)
        {
            throw new InvalidOperationException($"Assigning roles to a new user failed: {string.Join("; ", assigned.Errors.Select(e => e.Code))}");
        }

        var now = clock.GetUtcNow();
        user.Registered(roles, now);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return UserView.From(user, roles, now);
    }
}
