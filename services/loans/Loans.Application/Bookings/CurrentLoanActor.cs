using Loans.Domain;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

internal static class CurrentLoanActor
{
    private static readonly Error NoUser = Error.Forbidden("loan.user_required", "Loans are changed by signed-in users, not by service clients.");

    /// <summary>The signed-in user and their platform roles, as the domain's <see cref="LoanActor"/>.</summary>
    public static Result<LoanActor> AsLoanActor(this ICurrentUser user) =>
        user.UserId is { } id
            ? new LoanActor(id, PlatformRoles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal))
            : NoUser;
}
