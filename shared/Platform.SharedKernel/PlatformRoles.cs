namespace Platform.SharedKernel;

/// <summary>The roles every service understands; Identity assigns them, every service enforces them.</summary>
public static class PlatformRoles
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string Analyst = "analyst";

    /// <summary>Owns portfolios and reads every portfolio's risk.</summary>
    public const string RiskManager = "risk-manager";

    /// <summary>Books loans.</summary>
    public const string LoanOfficer = "loan-officer";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Admin, Reviewer, Analyst, RiskManager, LoanOfficer };
}
