using System.Security.Claims;
using Identity.Application.Tokens;
using Identity.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.SignIn;

/// <summary>
/// Identity's own browser session, between the sign-in page and the authorization endpoint of the code
/// flow. It holds only the user id and the security-stamp fingerprint, so a log-out-all, a deactivation or
/// a role change ends it as it ends the user's tokens.
/// </summary>
internal static class SignInCookie
{
    public const string Scheme = "identity.signin";

    public static void Configure(CookieAuthenticationOptions cookie, int minutes, bool https)
    {
        cookie.Cookie.Name = "platform.signin";
        cookie.Cookie.HttpOnly = true;
        // Lax: the browser sends it on the top-level redirect from a client back to /connect/authorize.
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = TimeSpan.FromMinutes(minutes);
        cookie.SlidingExpiration = false;
        cookie.LoginPath = SignInPage.Path;
        cookie.ReturnUrlParameter = "returnUrl";
    }

    public static ClaimsPrincipal For(User user) => new(new ClaimsIdentity(
        [new Claim(Claims.Subject, user.Id.ToString()), new Claim(IAccessTokenRevocation.StampClaim, StampFingerprint.Of(user.SecurityStamp!))],
        Scheme));

    /// <summary>The signed-in user, while they are active and their stamp has not changed since they signed in.</summary>
    public static async Task<User?> CurrentUserAsync(AuthenticateResult session, UserManager<User> users)
    {
        if (!session.Succeeded || session.Principal.FindFirst(Claims.Subject)?.Value is not { } subject)
        {
            return null;
        }

        var user = await users.FindByIdAsync(subject);
        return StampFingerprint.StillValidFor(user, session.Principal.FindFirst(IAccessTokenRevocation.StampClaim)?.Value) ? user : null;
    }
}
