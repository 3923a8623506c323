using Microsoft.AspNetCore.Authorization;
using Platform.SharedKernel;

namespace Portfolio.Api;

/// <summary>Analysts and risk managers own portfolios (admins too); who sees which one is the use cases' rule.</summary>
internal static class PortfolioPolicies
{
    public const string PortfolioUser = "portfolio-user";

    public static void Add(AuthorizationOptions options) =>
        options.AddPolicy(PortfolioUser, policy => policy.RequireRole(PlatformRoles.Analyst, PlatformRoles.RiskManager, PlatformRoles.Admin));
}
