using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Identity.Application.Auth;
using Identity.Application.Tokens;
using MediatR;
using Microsoft.OpenApi;
using Platform.SharedKernel;

namespace Identity.Api.Endpoints;

/// <summary>RFC 6749 token endpoint: form body in, RFC-shaped JSON success or error out.</summary>
internal static class TokenEndpoint
{
    /// <summary>
    /// The form fields, for the document: the handler reads the form itself, as each grant needs different
    /// ones. Properties rather than a positional record, so that only grant_type is documented as required.
    /// </summary>
    public sealed class OAuthTokenRequest
    {
        [JsonPropertyName("grant_type")]
        public required string GrantType { get; init; }

        [JsonPropertyName("username")]
        public string? Username { get; init; }

        [JsonPropertyName("password")]
        public string? Password { get; init; }

        [JsonPropertyName("refresh_token")]
        public string? RefreshToken { get; init; }

        [JsonPropertyName("scope")]
        public string? Scope { get; init; }

        [JsonPropertyName("client_id")]
        public string? ClientId { get; init; }

        [JsonPropertyName("client_secret")]
        public string? ClientSecret { get; init; }
    }

    public sealed record OAuthTokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("scope")] string Scope);

    public sealed record OAuthErrorResponse(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string ErrorDescription);

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", IssueAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Tokens")
            .WithName("issueToken")
            .WithSummary("OAuth 2.0 token endpoint: password, refresh_token and client_credentials grants")
            .WithDescription("Client credentials in HTTP Basic or in the form. Errors are RFC 6749 JSON (error, error_description), not problem+json, as OAuth clients expect.")
            // Described rather than declared with Accepts, which would let routing refuse other bodies
            // (415, or 401 as the fallback policy meets the refusal) before the handler answers invalid_request.
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(OAuthTokenRequest), cancellationToken: cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/x-www-form-urlencoded"] = new() { Schema = schema } },
                };
            })
            .Produces<OAuthTokenResponse>()
            // RFC 6749 section 5.2 error bodies: deliberately application/json, which the shared transformer leaves as declared.
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized, "application/json");

    private static async Task<IResult> IssueAsync(HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // A value that does not decode to text (NUL, invalid UTF-8), or too many of them.
            return OAuthError("invalid_request", "The form body could not be read: values must be UTF-8 text without NUL.");
        }

        if (!TryReadClient(http.Request, form, out var clientId, out var clientSecret, out var usedBasic))
        {
            return OAuthError("invalid_request", "Send client credentials either in the Authorization header or in the body, not both.");
        }

        var grantType = form["grant_type"].ToString();
        IRequest<Result<TokenSet>>? request = grantType switch
        {
            GrantTypes.Password => new SignInWithPassword(form["username"].ToString(), form["password"].ToString(), clientId, clientSecret),
            GrantTypes.RefreshToken => new RefreshSession(form["refresh_token"].ToString(), clientId, clientSecret),
            GrantTypes.ClientCredentials => new IssueClientToken(clientId, clientSecret, form["scope"].ToString()),
            _ => null,
        };
        if (request is null)
        {
            return string.IsNullOrEmpty(grantType)
                ? OAuthError("invalid_request", "grant_type is required.")
                : OAuthError("unsupported_grant_type", "Supported grant types: password, refresh_token, client_credentials.");
        }

        var result = await mediator.Send(request, cancellationToken);
        if (result.IsSuccess)
        {
            var tokens = result.Value;
            return TypedResults.Json(new OAuthTokenResponse(tokens.AccessToken, "Bearer", tokens.ExpiresIn, tokens.RefreshToken, tokens.Scope), TokenJson.Options);
        }

        var error = result.Error!;
        if (error.Code == "auth.invalid_client")
        {
            if (usedBasic)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"platform\"";
            }

            return OAuthError("invalid_client", error.Message, StatusCodes.Status401Unauthorized);
        }

        return OAuthError(error.Code switch
        {
            "validation_failed" => "invalid_request",
            "auth.unauthorized_client" => "unauthorized_client",
            "auth.invalid_scope" => "invalid_scope",
            _ => "invalid_grant",
        }, error.FieldErrors is { } fields ? string.Join(" ", fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}"))) : error.Message);
    }

    // RFC 6749 §2.3.1: HTTP Basic with form-urlencoded id and secret, or the body parameters.
    private static bool TryReadClient(HttpRequest request, IFormCollection form, out string? clientId, out string? clientSecret, out bool usedBasic)
    {
        clientId = form["client_id"].FirstOrDefault();
        clientSecret = form["client_secret"].FirstOrDefault();
        usedBasic = false;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) ||
            !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return true;
        }

        usedBasic = true;
        if (clientSecret is not null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            clientId = null;
            return true;
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            clientId = null;
            return true;
        }

        clientId = Uri.UnescapeDataString(decoded[..separator].Replace('+', ' '));
        clientSecret = Uri.UnescapeDataString(decoded[(separator + 1)..].Replace('+', ' '));
        return true;
    }

    private static IResult OAuthError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Json(new OAuthErrorResponse(error, description), TokenJson.Options, statusCode: status);
}

internal static class TokenJson
{
    // RFC 6749 member names are snake_case and absent members are omitted.
    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
