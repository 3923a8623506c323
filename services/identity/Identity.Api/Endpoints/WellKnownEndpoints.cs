using Identity.Application.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Api.Endpoints;

/// <summary>Discovery and key publication, anonymous by nature.</summary>
internal static class WellKnownEndpoints
{
    public static void MapWellKnownEndpoints(this IEndpointRouteBuilder app)
    {
        var wellKnown = app.MapGroup("/.well-known").AllowAnonymous().WithTags("Discovery");
        wellKnown.MapGet("/openid-configuration", (IOptions<TokenAudienceOptions> audience) =>
        {
            var issuer = audience.Value.Issuer.TrimEnd('/');
            return TypedResults.Json(new
            {
                issuer,
                jwks_uri = $"{issuer}/.well-known/jwks.json",
                token_endpoint = $"{issuer}/connect/token",
                grant_types_supported = new[] { GrantTypes.Password, GrantTypes.RefreshToken, GrantTypes.ClientCredentials },
                token_endpoint_auth_methods_supported = new[] { "client_secret_basic", "client_secret_post", "none" },
                id_token_signing_alg_values_supported = new[] { SecurityAlgorithms.RsaSha256 },
                scopes_supported = new[] { TokenIssuer.DefaultScope },
                claims_supported = new[] { "sub", "email", "role", "scope", "client_id" },
            });
        });

        wellKnown.MapGet("/jwks.json", (HttpContext http, SigningKeyStore keys) =>
        {
            // Short cache: validators must see a rotated key within minutes.
            http.Response.Headers.CacheControl = "public, max-age=60";
            return TypedResults.Text(keys.Current.JwksJson, "application/json");
        });
    }
}
