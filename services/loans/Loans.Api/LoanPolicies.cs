using Microsoft.AspNetCore.Authorization;
using Platform.SharedKernel;

namespace Loans.Api;

/// <summary>Loan officers, credit approvers (reviewers) and admins work with bookings; which booking each sees is the use cases' rule.</summary>
internal static class LoanPolicies
{
    public const string LoanDesk = "loan-desk";

    public static void Add(AuthorizationOptions options) =>
        options.AddPolicy(LoanDesk, policy => policy.RequireRole(PlatformRoles.LoanOfficer, PlatformRoles.Reviewer, PlatformRoles.Admin));
}
