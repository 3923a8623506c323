using System.ComponentModel.DataAnnotations;

namespace Identity.Application;

/// <summary>
/// An OAuth client as configuration declares it; start-up writes it to OpenIddict's application store,
/// so the store always holds exactly the clients of the environment's configuration. Each client gets
/// exactly the grants, scopes and redirect URIs listed here, nothing by default.
/// </summary>
public sealed class ClientOptions
{
    [Required]
    public string ClientId { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Set for confidential clients; from the environment or a secret store, never from the repo.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The platform's own web front end. Only a first-party client may use the password grant (behind
    /// <c>POST /api/v1/auth/login</c>): RFC 9700 forbids it for anyone else, who must use the code flow.
    /// </summary>
    public bool FirstParty { get; set; }

    /// <summary>
    /// A third-party client: the user is asked, once per client and set of scopes, whether it may act
    /// for them (a consent page in the code flow). The platform's own clients are trusted implicitly.
    /// </summary>
    public bool RequireConsent { get; set; }

    /// <summary>Among <c>authorization_code</c>, <c>refresh_token</c>, <c>client_credentials</c>, <c>password</c>.</summary>
    public List<string> AllowedGrants { get; set; } = [];

    public List<string> AllowedScopes { get; set; } = [];

    /// <summary>Exact redirect URIs for the code flow: compared as whole strings, no wildcards.</summary>
    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];
}
