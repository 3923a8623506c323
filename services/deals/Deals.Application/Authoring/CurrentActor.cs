using Deals.Application.Csv;
using Deals.Domain;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

internal static class CurrentActor
{
    private static readonly Error NoUser = Error.Forbidden("deal.user_required", "Deals are changed by signed-in users, not by service clients.");

    /// <summary>The signed-in user and their platform roles, as the domain's <see cref="Actor"/>.</summary>
    public static Result<Actor> AsActor(this ICurrentUser user) =>
        user.UserId is { } id
            ? new Actor(id, PlatformRoles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal))
            : NoUser;
}
