using Platform.SharedKernel;

namespace Deals.Domain;

/// <summary>Who is acting on a deal and in which roles; the aggregate decides what they may do.</summary>
public sealed record Actor(Guid UserId, IReadOnlySet<string> Roles)
{
    public bool IsAdmin => Roles.Contains(PlatformRoles.Admin);
    public bool IsReviewer => Roles.Contains(PlatformRoles.Reviewer) || IsAdmin;
    public bool IsAnalyst => Roles.Contains(PlatformRoles.Analyst) || IsAdmin;

    public static Actor Of(Guid userId, params string[] roles) => new(userId, new HashSet<string>(roles, StringComparer.Ordinal));
}
