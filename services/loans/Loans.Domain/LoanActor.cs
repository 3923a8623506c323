using Platform.SharedKernel;

namespace Loans.Domain;

/// <summary>Who is acting on a booking or product and in which roles; the aggregates decide what they may do.</summary>
public sealed record LoanActor(Guid UserId, IReadOnlySet<string> Roles)
{
    public bool IsAdmin => Roles.Contains(PlatformRoles.Admin);

    /// <summary>Credit approvers: reviewers and admins.</summary>
    public bool IsApprover => Roles.Contains(PlatformRoles.Reviewer) || IsAdmin;

    public bool IsOfficer => Roles.Contains(PlatformRoles.LoanOfficer) || IsAdmin;

    /// <summary>Reviewers and admins read every booking; a loan officer only their own.</summary>
    public bool SeesAllBookings => IsApprover;

    public static LoanActor Of(Guid userId, params string[] roles) => new(userId, new HashSet<string>(roles, StringComparer.Ordinal));
}
