using System.Text.Json.Serialization;
using Identity.Application.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Api.Endpoints;

/// <summary>Discovery and key publication, anonymous by nature.</summary>
internal static class WellKnownEndpoints
{
    public sealed record DiscoveryDocument(
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("jwks_uri")] string JwksUri,
        [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
        [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
        [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
        [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> IdTokenSigningAlgValuesSupported,
        [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
        [property: JsonPropertyName("claims_supported")] IReadOnlyList<string> ClaimsSupported);

    /// <summary>RFC 7517 key set, for the document: the handler serves the stored JSON as it is.</summary>
    public sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKeyDocument> Keys);

    public sealed record JsonWebKeyDocument(
        [property: JsonPropertyName("kty")] string Kty,
        [property: JsonPropertyName("use")] string? Use,
        [property: JsonPropertyName("kid")] string Kid,
        [property: JsonPropertyName("alg")] string? Alg,
        [property: JsonPropertyName("n")] string N,
        [property: JsonPropertyName("e")] string E);

    public static void MapWellKnownEndpoints(this IEndpointRouteBuilder app)
    {
        var wellKnown = app.MapGroup("/.well-known").AllowAnonymous().WithTags("Discovery");
        wellKnown.MapGet("/openid-configuration", (IOptions<TokenAudienceOptions> audience) =>
        {
            var issuer = audience.Value.Issuer.TrimEnd('/');
            return TypedResults.Json(new DiscoveryDocument(
                issuer,
                $"{issuer}/.well-known/jwks.json",
                $"{issuer}/connect/token",
                [GrantTypes.Password, GrantTypes.RefreshToken, GrantTypes.ClientCredentials],
                ["client_secret_basic", "client_secret_post", "none"],
                [SecurityAlgorithms.RsaSha256],
                [TokenIssuer.DefaultScope],
                ["sub", "email", "role", "scope", "client_id"]));
        })
            .WithName("getOpenIdConfiguration")
            .WithSummary("Get the OpenID discovery document")
            .Produces<DiscoveryDocument>();

        wellKnown.MapGet("/jwks.json", (HttpContext http, SigningKeyStore keys) =>
        {
            // Short cache: validators must see a rotated key within minutes.
            http.Response.Headers.CacheControl = "public, max-age=60";
            return TypedResults.Text(keys.Current.JwksJson, "application/json");
        })
            .WithName("getJwks")
            .WithSummary("Get the public keys that sign access tokens (JWKS)")
            .WithDescription("Cached for a minute: a rotated key appears within minutes.")
            .Produces<JsonWebKeySetDocument>();
    }
}
