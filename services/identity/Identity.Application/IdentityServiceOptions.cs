using System.ComponentModel.DataAnnotations;

namespace Identity.Application;

/// <summary>Section <c>Identity</c>. Issuer and audience come from the shared <c>Auth</c> section.</summary>
public sealed class IdentityServiceOptions
{
    public const string SectionName = "Identity";

    [Range(1, 60)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 90)]
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>How long an authorization code can be redeemed (once): short, as it travels in a browser URL.</summary>
    [Range(10, 600)]
    public int AuthorizationCodeSeconds { get; set; } = 60;

    /// <summary>How long identity's own sign-in cookie (the code flow's browser session) lasts.</summary>
    [Range(1, 1440)]
    public int SignInSessionMinutes { get; set; } = 30;

    /// <summary>Absolute limit on a session (an authorization and its refresh tokens), whatever the rotations.</summary>
    [Range(1, 365)]
    public int RefreshFamilyDays { get; set; } = 30;

    public bool AllowSelfRegistration { get; set; } = true;

    /// <summary>Encrypts signing keys at rest. Comes from the environment or a secret store, never from the repo.</summary>
    [Required, MinLength(16)]
    public string SigningKeyPassphrase { get; set; } = "";

    [Range(1, 365)]
    public int SigningKeyRotationDays { get; set; } = 30;

    [Range(3, 20)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Development only: a JSON file of demo users to create at start-up.</summary>
    public string? DemoUsersFile { get; set; }

    public List<ClientOptions> Clients { get; set; } = [];
}
