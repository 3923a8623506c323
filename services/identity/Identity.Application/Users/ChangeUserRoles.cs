using Identity.Application.Persistence;
using FluentValidation;
using Identity.Application.Tokens;
using Identity.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Application.Users;

/// <summary>Replaces a user's roles, effective at once: access tokens with the old roles stop working.</summary>
public sealed record ChangeUserRoles(Guid UserId, IReadOnlyList<string> Roles) : IRequest<Result<UserView>>;

internal sealed class ChangeUserRolesValidator : AbstractValidator<ChangeUserRoles>
{
    public ChangeUserRolesValidator() => RuleFor(r => r.Roles).ValidRoles();
}

internal sealed class ChangeUserRolesHandler(IdentityDb db, UserManager<User> users, SessionRevoker sessions, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<ChangeUserRoles, Result<UserView>>
{
    public async Task<Result<UserView>> Handle(ChangeUserRoles request, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString());
        if (user is null)
        {
            return IdentityErrors.UserNotFound;
        }

        var wanted = request.Roles.Distinct().ToList();
        if (user.Id == currentUser.UserId && !wanted.Contains(PlatformRoles.Admin))
        {
            return IdentityErrors.CannotDemoteSelf;
        }

        // The role change and its UserRolesChanged event commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(current)) : removed;
        if (!added.Succeeded)
        {
            throw new InvalidOperationException($"Changing roles failed: {string.Join("; ", added.Errors.Select(e => e.Code))}");
        }

        var now = clock.GetUtcNow();
        user.RolesChanged(wanted, now);
        // Tokens still carrying the old roles are refused; the user's next refresh carries the new ones.
        await sessions.RevokeAsync(user, SessionRevocationReasons.RolesChanged, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UserView.From(user, wanted, now);
    }
}
