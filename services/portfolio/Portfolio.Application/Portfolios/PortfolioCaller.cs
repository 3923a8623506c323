using Platform.SharedKernel;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Portfolios;

internal static class PortfolioCaller
{
    /// <summary>The signed-in user as a <see cref="Caller"/>; service clients own no portfolios.</summary>
    public static Result<Caller> AsCaller(this ICurrentUser user) =>
        user.UserId is { } id
            ? new Caller(id, user.IsInRole(PlatformRoles.Admin), user.IsInRole(PlatformRoles.RiskManager))
            : PortfolioErrors.UserRequired;
}
