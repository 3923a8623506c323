using Microsoft.AspNetCore;
using System.Security.Claims;
using Identity.Api.OpenIddict;
using Identity.Api.SignIn;
using Identity.Application.Tokens;
using Identity.Domain;
using Identity.Infrastructure.OpenIddict;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Endpoints;

/// <summary>
/// The browser-facing OpenID Connect endpoints, after OpenIddict validated each request (client,
/// redirect URI, PKCE, scopes, tokens): who is signed in, what they may see about themselves, and
/// signing out. Errors follow the protocol: redirects to the client or OAuth JSON, as OpenIddict writes them.
/// </summary>
internal static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        connect.MapMethods(OpenIddictSetup.Paths.Authorize, [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);
        connect.MapMethods(OpenIddictSetup.Paths.UserInfo, [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfoAsync);
        connect.MapMethods(OpenIddictSetup.Paths.EndSession, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync);
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http, UserManager<User> users, TokenPrincipals principals, IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations, IAntiforgery antiforgery, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request is missing: is the authorization endpoint registered?");
        var session = await http.AuthenticateAsync(SignInCookie.Scheme);
        var user = await SignInCookie.CurrentUserAsync(session, users);
        var tooOld = request.MaxAge is { } maxAge && session.Properties?.IssuedUtc is { } issued &&
            clock.GetUtcNow() - issued > TimeSpan.FromSeconds(maxAge);
        if (user is null || tooOld || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back to this request after the sign-in page; without prompt, which would send the user round again.
            var parameters = request.GetParameters()
                .Where(parameter => parameter.Key is not (Parameters.Prompt or ConsentPage.DecisionField))
                .Select(parameter => KeyValuePair.Create(parameter.Key, (string?)parameter.Value.ToString()));
            var returnUrl = OpenIddictSetup.Paths.Authorize + QueryString.Create(parameters);
            return TypedResults.Redirect($"{SignInPage.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var principal = await principals.ForUserAsync(user, request.GetScopes());
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict validated a client that is not registered.");
        if (await applications.HasConsentTypeAsync(application, ConsentTypes.Explicit, cancellationToken))
        {
            var consent = await ConsentAsync(http, request, principal, application, applications, authorizations, antiforgery, cancellationToken);
            if (consent is not null)
            {
                return consent;
            }
        }

        return TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// A third-party client needs the user's consent, given once per client and scopes (a permanent
    /// authorization, ended by log-out-all or deactivation). Null when consent is in hand (its
    /// authorization is then attached to <paramref name="principal"/>); otherwise the page or the refusal.
    /// </summary>
    private static async Task<IResult?> ConsentAsync(
        HttpContext http, OpenIddictRequest request, ClaimsPrincipal principal, object application,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, IAntiforgery antiforgery,
        CancellationToken cancellationToken)
    {
        var subject = principal.GetClaim(Claims.Subject)!;
        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        object? granted = null;
        await foreach (var existing in authorizations.FindAsync(
            subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes(), cancellationToken))
        {
            granted = existing;
            break;
        }

        var decision = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
            ? http.Request.Form[ConsentPage.DecisionField].ToString()
            : "";
        if (decision is ConsentPage.Allow or ConsentPage.Deny)
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return ConsentPage.Expired(http);
            }

            if (decision == ConsentPage.Deny)
            {
                return Forbid(Errors.AccessDenied, "The user did not allow this application.");
            }

            granted = await authorizations.CreateAsync(principal, subject, applicationId!, AuthorizationTypes.Permanent, principal.GetScopes(), cancellationToken);
        }
        else if (granted is null || request.HasPromptValue(PromptValues.Consent))
        {
            return request.HasPromptValue(PromptValues.None)
                ? Forbid(Errors.ConsentRequired, "The user has not allowed this application yet.")
                : ConsentPage.Show(http, antiforgery, request, await applications.GetDisplayNameAsync(application, cancellationToken) ?? request.ClientId!);
        }

        principal.SetAuthorizationId(await authorizations.GetIdAsync(granted, cancellationToken));
        return null;
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<User> users)
    {
        var token = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = token?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (token is null || user is null || !StampFingerprint.StillValidFor(user, token.GetClaim(Platform.SharedKernel.IAccessTokenRevocation.StampClaim)))
        {
            return TypedResults.Challenge(
                ProtocolErrors.Properties(Errors.InvalidToken, "The access token is no longer valid."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id.ToString() };
        if (token.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email!;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        if (token.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.DisplayName;
        }

        if (token.HasScope(Scopes.Roles))
        {
            claims[Claims.Role] = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToArray();
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(claims);
    }

    // Ends identity's browser session; OpenIddict then sends the browser to the client's registered
    // post-logout URI (or answers here when there is none). The client revokes its own refresh token.
    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(SignInCookie.Scheme);
        if (http.GetOpenIddictServerRequest()?.PostLogoutRedirectUri is null)
        {
            return SignInPage.SignedOut(http);
        }

        return TypedResults.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Forbid(string error, string description) =>
        TypedResults.Forbid(ProtocolErrors.Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
