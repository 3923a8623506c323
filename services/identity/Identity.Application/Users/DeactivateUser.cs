using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Identity.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Application.Users;

/// <summary>Deactivates an account: no more sign-ins, every refresh token revoked, every access token refused from now on.</summary>
public sealed record DeactivateUser(Guid UserId) : IRequest<Result<UserView>>;

internal sealed class DeactivateUserHandler(
    IdentityDb db, UserManager<User> users, SessionRevoker sessions, UserGrants grants, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<DeactivateUser, Result<UserView>>
{
    public async Task<Result<UserView>> Handle(DeactivateUser request, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString());
        if (user is null)
        {
            return IdentityErrors.UserNotFound;
        }

        var now = clock.GetUtcNow();
        var deactivated = user.Deactivate(currentUser.UserId ?? Guid.Empty, now);
        if (!deactivated.IsSuccess)
        {
            return deactivated.Error!;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await grants.RevokeAllAsync(user.Id, cancellationToken);
            // Saves the deactivation with the new stamp, the revocation and both events.
            await sessions.RevokeAsync(user, SessionRevocationReasons.Deactivated, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return UserView.From(user, await users.GetRolesAsync(user), now);
    }
}
