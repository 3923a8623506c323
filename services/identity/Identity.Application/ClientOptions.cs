using System.ComponentModel.DataAnnotations;

namespace Identity.Application;

/// <summary>An OAuth client. Public clients (no secret) may use the password and refresh grants only.</summary>
public sealed class ClientOptions
{
    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>Set for confidential clients; from the environment, never from the repo.</summary>
    public string? Secret { get; set; }

    public List<string> AllowedGrants { get; set; } = [];

    public List<string> AllowedScopes { get; set; } = [];

    /// <summary>Roles carried by client-credentials tokens of this client.</summary>
    public List<string> Roles { get; set; } = [];
}
