using System.Text.Json.Serialization;
using Identity.Infrastructure.OpenIddict;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Identity.Api.Endpoints;

/// <summary>
/// OpenIddict answers discovery and the JWKS itself, before routing, so no endpoint describes them:
/// this adds both to identity's OpenAPI document, as clients and the contract tests expect to find them.
/// </summary>
internal sealed class DiscoveryDocumentation : IOpenApiDocumentTransformer
{
    public sealed record DiscoveryDocument(
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("authorization_endpoint")] string AuthorizationEndpoint,
        [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
        [property: JsonPropertyName("introspection_endpoint")] string IntrospectionEndpoint,
        [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
        [property: JsonPropertyName("userinfo_endpoint")] string UserinfoEndpoint,
        [property: JsonPropertyName("end_session_endpoint")] string EndSessionEndpoint,
        [property: JsonPropertyName("jwks_uri")] string JwksUri,
        [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
        [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
        [property: JsonPropertyName("code_challenge_methods_supported")] IReadOnlyList<string> CodeChallengeMethodsSupported,
        [property: JsonPropertyName("subject_types_supported")] IReadOnlyList<string> SubjectTypesSupported,
        [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
        [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> IdTokenSigningAlgValuesSupported);

    public sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKeyDocument> Keys);

    public sealed record JsonWebKeyDocument(
        [property: JsonPropertyName("kty")] string Kty,
        [property: JsonPropertyName("use")] string? Use,
        [property: JsonPropertyName("kid")] string Kid,
        [property: JsonPropertyName("alg")] string? Alg,
        [property: JsonPropertyName("n")] string N,
        [property: JsonPropertyName("e")] string E);

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= new OpenApiPaths();
        document.Paths["/.well-known/openid-configuration"] = await GetAsync(
            context, typeof(DiscoveryDocument), "getOpenIdConfiguration", "Get the OpenID Connect discovery document", cancellationToken);
        document.Paths[OpenIddictSetup.Paths.Jwks] = await GetAsync(
            context, typeof(JsonWebKeySetDocument), "getJwks", "Get the public keys that sign tokens (JWKS), the retired ones included while their tokens live", cancellationToken);
    }

    private static async Task<OpenApiPathItem> GetAsync(
        OpenApiDocumentTransformerContext context, Type body, string operationId, string summary, CancellationToken cancellationToken) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                OperationId = operationId,
                Summary = summary,
                Tags = new HashSet<OpenApiTagReference> { new("Tokens") },
                // Anonymous, said explicitly as for every other operation.
                Security = [],
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse
                    {
                        Description = "OK",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body, cancellationToken: cancellationToken) },
                        },
                    },
                },
            },
        },
    };
}
