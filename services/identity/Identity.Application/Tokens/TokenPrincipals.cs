using System.Security.Claims;
using Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using AuthOptions = Platform.ServiceDefaults.Auth.AuthOptions;
using Platform.SharedKernel;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Application.Tokens;

/// <summary>
/// What a token says about its holder, for every grant: a user (fresh roles and the security-stamp
/// fingerprint, so a revocation reaches it) or a service client (its own id and scopes, never a role).
/// Each claim goes only where it is needed: the access token for the API, the identity token only when
/// the client asked for the matching OpenID Connect scope.
/// </summary>
public sealed class TokenPrincipals(UserManager<User> users, IOptions<AuthOptions> audience)
{
    public async Task<ClaimsPrincipal> ForUserAsync(User user, IEnumerable<string> scopes)
    {
        if (user.SecurityStamp is not { Length: > 0 } stamp)
        {
            // Every validator refuses a user token without the fingerprint: better not to issue one.
            throw new InvalidOperationException($"User {user.Id} has no security stamp.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(IAccessTokenRevocation.StampClaim, StampFingerprint.Of(stamp))
            .SetClaims(Claims.Role, [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)]);
        return Finish(identity, scopes);
    }

    public ClaimsPrincipal ForClient(string clientId, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        return Finish(identity, scopes);
    }

    private ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetAudiences(audience.Value.Audience);
        var toIdentityToken = new HashSet<string>(StringComparer.Ordinal);
        if (principal.HasScope(Scopes.Email))
        {
            toIdentityToken.Add(Claims.Email);
        }

        if (principal.HasScope(Scopes.Profile))
        {
            toIdentityToken.Add(Claims.Name);
        }

        if (principal.HasScope(Scopes.Roles))
        {
            toIdentityToken.Add(Claims.Role);
        }

        principal.SetDestinations(claim => toIdentityToken.Contains(claim.Type)
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return principal;
    }
}
