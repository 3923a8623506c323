using Microsoft.AspNetCore;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Identity.Api.OpenIddict;
using Identity.Application;
using Identity.Application.Auth;
using Identity.Application.Tokens;
using Identity.Domain;
using Identity.Infrastructure.OpenIddict;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Endpoints;

/// <summary>
/// The token endpoint, after OpenIddict validated the request (client, grant permission, PKCE, code or
/// refresh token): decides who the tokens are for, and with what. Also serves the first-party JSON
/// sign-in and refresh, which OpenIddict reads and answers in JSON (<see cref="FirstPartyJsonTokens"/>).
/// </summary>
internal static class TokenEndpoint
{
    /// <summary>The form fields, for the document only: OpenIddict reads the form.</summary>
    public sealed class OAuthTokenRequest
    {
        [JsonPropertyName("grant_type")]
        public required string GrantType { get; init; }

        [JsonPropertyName("code")]
        public string? Code { get; init; }

        [JsonPropertyName("redirect_uri")]
        public string? RedirectUri { get; init; }

        [JsonPropertyName("code_verifier")]
        public string? CodeVerifier { get; init; }

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
        [property: JsonPropertyName("id_token")] string? IdToken,
        [property: JsonPropertyName("scope")] string Scope);

    public sealed record OAuthErrorResponse(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string ErrorDescription);

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(OpenIddictSetup.Paths.Token, ExchangeAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Tokens")
            .WithName("issueToken")
            .WithSummary("OAuth 2.0 token endpoint: authorization_code (PKCE), refresh_token and client_credentials grants")
            .WithDescription("Client credentials in HTTP Basic or in the form. Errors are RFC 6749 JSON (error, error_description), not problem+json, as OAuth clients expect. The password grant is reserved for the first-party client.")
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
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized, "application/json");

        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/login", ExchangeAsync)
            .AllowAnonymous()
            .WithName("login")
            .WithSummary("Sign in with email and password")
            .WithDescription("The first-party web front end's sign-in. Returns an access token and a refresh token; 401 for wrong credentials, a locked or a deactivated account.")
            .Accepts<FirstPartyJsonTokens.LoginRequest>("application/json")
            .Produces<FirstPartyJsonTokens.TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/refresh", ExchangeAsync)
            .AllowAnonymous()
            .WithName("refreshSession")
            .WithSummary("Exchange a refresh token for a new token pair")
            .WithDescription("The old refresh token is spent; presenting it again ends the whole session. 401 auth.invalid_refresh_token when it is invalid, expired, spent or revoked.")
            .Accepts<FirstPartyJsonTokens.RefreshRequest>("application/json")
            .Produces<FirstPartyJsonTokens.TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http, IMediator mediator, UserManager<User> users, TokenPrincipals principals,
        IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications, RefreshTokenRedemption redemption, IOptions<IdentityServiceOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request is missing: is the token endpoint registered?");

        if (request.IsPasswordGrantType())
        {
            // OpenIddict has already refused every client without the password permission (all but the first-party one).
            var signedIn = await mediator.Send(new SignInWithPassword(request.Username ?? "", request.Password ?? ""), cancellationToken);
            if (!signedIn.IsSuccess)
            {
                return Refuse(http, signedIn.Error!);
            }

            return SignIn(await principals.ForUserAsync(signedIn.Value, request.GetScopes() is { IsEmpty: false } asked ? asked : PlatformScopes.FirstPartySession));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var presented = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = presented?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (presented is null || user is not { IsActive: true })
            {
                return Refuse(http, IdentityErrors.InvalidRefreshToken);
            }

            if (await SessionTooOldAsync(presented, authorizations, options.Value, clock, cancellationToken))
            {
                return Refuse(http, IdentityErrors.SessionExpired);
            }

            if (request.IsRefreshTokenGrantType() && presented.GetTokenId() is { } tokenId &&
                !await redemption.TryRedeemAsync(tokenId, presented.GetAuthorizationId(), cancellationToken))
            {
                return Refuse(http, IdentityErrors.InvalidRefreshToken);
            }

            // Roles and stamp are read afresh: a role change shows in the next token.
            return SignIn(await principals.ForUserAsync(user, presented.GetScopes()));
        }

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict authenticated the client and checked each requested scope against its permissions;
            // a client that names none gets all of its own.
            var scopes = request.GetScopes();
            if (scopes.IsEmpty && await applications.FindByClientIdAsync(request.ClientId!, cancellationToken) is { } application)
            {
                scopes = [.. (await applications.GetPermissionsAsync(application, cancellationToken))
                    .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[Permissions.Prefixes.Scope.Length..])];
            }

            return SignIn(principals.ForClient(request.ClientId!, scopes));
        }

        return Refuse(http, Error.Rule("auth.unsupported_grant_type", "This grant type is not supported."));
    }

    // A session (authorization) ends RefreshFamilyDays after it began, however often it was refreshed.
    private static async Task<bool> SessionTooOldAsync(
        ClaimsPrincipal presented, IOpenIddictAuthorizationManager authorizations, IdentityServiceOptions options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (presented.GetAuthorizationId() is not { } id || await authorizations.FindByIdAsync(id, cancellationToken) is not { } authorization)
        {
            return false;
        }

        if (await authorizations.GetCreationDateAsync(authorization, cancellationToken) is not { } created ||
            clock.GetUtcNow() - created <= TimeSpan.FromDays(options.RefreshFamilyDays))
        {
            return false;
        }

        await authorizations.TryRevokeAsync(authorization, cancellationToken);
        return true;
    }

    private static IResult SignIn(ClaimsPrincipal principal) =>
        TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    // The JSON paths answer problem+json with our error code; OAuth clients get RFC 6749 JSON through OpenIddict.
    private static IResult Refuse(HttpContext http, Error error)
    {
        if (FirstPartyJsonTokens.IsJsonPath(http.Request.Path))
        {
            return error.ToProblem();
        }

        var oauthError = error.Code switch
        {
            "auth.unsupported_grant_type" => Errors.UnsupportedGrantType,
            "validation_failed" => Errors.InvalidRequest,
            _ => Errors.InvalidGrant,
        };
        var description = error.FieldErrors is { } fields
            ? string.Join(" ", fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}")))
            : error.Message;
        return TypedResults.Forbid(ProtocolErrors.Properties(oauthError, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
