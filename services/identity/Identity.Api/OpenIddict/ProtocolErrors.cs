using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Identity.Api.OpenIddict;

/// <summary>The properties that make OpenIddict answer a challenge or forbid with this OAuth error, in the protocol's own shape.</summary>
internal static class ProtocolErrors
{
    public static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
