using Identity.Application.Users;
using Identity.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Application.Auth;

public sealed record GetCurrentUser : IRequest<Result<UserView>>;

internal sealed class GetCurrentUserHandler(UserManager<User> users, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<GetCurrentUser, Result<UserView>>
{
    public async Task<Result<UserView>> Handle(GetCurrentUser request, CancellationToken cancellationToken)
    {
        var user = currentUser.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null)
        {
            return IdentityErrors.UserNotFound;
        }

        return UserView.From(user, await users.GetRolesAsync(user), clock.GetUtcNow());
    }
}
