using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Auth;

/// <summary>How access tokens are validated. Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The <c>iss</c> every accepted token must carry: the public URL of the identity service.</summary>
    [Required, Url]
    public string Issuer { get; set; } = "";

    [Required]
    public string Audience { get; set; } = "platform-api";

    /// <summary>
    /// Where to fetch the signing keys (the identity service's internal address). Empty only in the
    /// identity service itself, which validates with its own key store.
    /// </summary>
    public string? JwksUri { get; set; }

    /// <summary>Allowed clock difference between issuer and validator (RFC 8725 guidance: small).</summary>
    [Range(0, 30)]
    public int ClockSkewSeconds { get; set; } = 30;
}
