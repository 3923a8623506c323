using Platform.SharedKernel;

namespace Portfolio.Domain.Portfolios;

/// <summary>Who is acting and what their roles let them do with portfolios.</summary>
public sealed record Caller(Guid UserId, bool IsAdmin, bool IsRiskManager)
{
    /// <summary>Risk managers and admins read every portfolio; everyone else only their own.</summary>
    public bool ReadsAll => IsAdmin || IsRiskManager;

    public bool MayRead(Guid ownerId) => ownerId == UserId || ReadsAll;

    /// <summary>Only the owner changes a portfolio, and admins change any.</summary>
    public bool MayChange(Guid ownerId) => ownerId == UserId || IsAdmin;

    public static Caller Of(Guid userId, params string[] roles) =>
        new(userId, roles.Contains(PlatformRoles.Admin), roles.Contains(PlatformRoles.RiskManager));
}
