using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Application.Tokens;

public static class PlatformScopes
{
    /// <summary>The platform's API as a whole, for user clients: what they may do there is up to the user's roles.</summary>
    public const string Api = "platform-api";

    /// <summary>OpenID Connect's own scopes, which any user client may be allowed.</summary>
    public static readonly IReadOnlyList<string> OpenIdConnect = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess];

    /// <summary>What the first-party JSON sign-in grants: the API, and a refresh token.</summary>
    public static readonly IReadOnlyList<string> FirstPartySession = [Api, Scopes.OfflineAccess];
}
