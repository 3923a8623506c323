namespace Platform.SharedKernel;

/// <summary>The roles every service understands; Identity assigns them, every service enforces them.</summary>
public static class PlatformRoles
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string Analyst = "analyst";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Admin, Reviewer, Analyst };
}
