using Identity.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Application.Users;

public sealed record GetUser(Guid UserId) : IRequest<Result<UserView>>;

internal sealed class GetUserHandler(UserManager<User> users, TimeProvider clock) : IRequestHandler<GetUser, Result<UserView>>
{
    public async Task<Result<UserView>> Handle(GetUser request, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(request.UserId.ToString());
        return user is null
            ? IdentityErrors.UserNotFound
            : UserView.From(user, await users.GetRolesAsync(user), clock.GetUtcNow());
    }
}
