using System.Text.Encodings.Web;
using Identity.Application.Auth;
using Identity.Domain;
using Identity.Infrastructure.OpenIddict;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Identity.Api.SignIn;

/// <summary>
/// The sign-in page of the code flow: server-rendered HTML, no script, an anti-forgery token in the form,
/// the same password check (lockout included) as every other sign-in, and a message that never says
/// which of email or password was wrong. It only ever sends the browser back to the authorization
/// endpoint, so it cannot be used as an open redirect.
/// </summary>
internal static class SignInPage
{
    public const string Path = "/account/login";
    public const string StylesheetPath = "/account/site.css";

    // The page's own styles and nothing else; form posts and redirects are not restricted here, as the
    // redirect chain ends at the client's registered redirect URI on another origin.
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void MapSignInPage(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet("/login", Show);
        account.MapPost("/login", SubmitAsync).DisableAntiforgery();
        account.MapGet("/site.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(Stylesheet, "text/css; charset=utf-8");
        });
    }

    private static IResult Show(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        IsAuthorizeUrl(returnUrl)
            ? Page(http, antiforgery, StatusCodes.Status200OK, returnUrl!, email: "", message: null)
            : Broken(http, "This sign-in link is not valid. Start again from the application you were using.");

    private static async Task<IResult> SubmitAsync(HttpContext http, IAntiforgery antiforgery, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return Broken(http, "The sign-in form could not be read. Start again from the application you were using.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Broken(http, "The sign-in form could not be read. Start again from the application you were using.");
        }

        var returnUrl = form["returnUrl"].ToString();
        if (!IsAuthorizeUrl(returnUrl))
        {
            return Broken(http, "This sign-in link is not valid. Start again from the application you were using.");
        }

        var email = form["email"].ToString();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Page(http, antiforgery, StatusCodes.Status400BadRequest, returnUrl, email, "The form had expired. Please sign in again.");
        }

        var signedIn = await mediator.Send(new SignInWithPassword(email, form["password"].ToString()), cancellationToken);
        if (!signedIn.IsSuccess)
        {
            var message = signedIn.Error == IdentityErrors.LockedOut
                ? "Too many failed attempts: the account is locked for a while. Try again later."
                : "The email or password is incorrect.";
            return Page(http, antiforgery, StatusCodes.Status401Unauthorized, returnUrl, email, message);
        }

        await http.SignInAsync(SignInCookie.Scheme, SignInCookie.For(signedIn.Value));
        return TypedResults.Redirect(returnUrl);
    }

    // Only the authorization endpoint of this server, as a path: no scheme, host, "//" or backslash tricks.
    private static bool IsAuthorizeUrl(string? url) =>
        url is { Length: > 0 and <= 4096 } &&
        (url == OpenIddictSetup.Paths.Authorize || url.StartsWith(OpenIddictSetup.Paths.Authorize + "?", StringComparison.Ordinal)) &&
        !url.Contains('\\') && !url.Contains("//", StringComparison.Ordinal) &&
        !url.Any(char.IsControl);

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, int status, string returnUrl, string email, string? message)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var error = message is null ? "" : $"""<p class="error" role="alert">{html.Encode(message)}</p>""";
        return Html(http, status, $"""
            <form method="post" action="{Path}">
              {error}
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}">
              <label for="email">Email</label>
              <input id="email" name="email" type="email" autocomplete="username" required maxlength="256" value="{html.Encode(email)}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
              <button type="submit">Sign in</button>
            </form>
            """);
    }

    public static IResult SignedOut(HttpContext http) =>
        Html(http, StatusCodes.Status200OK, "<p>You are signed out. You can close this window.</p>");

    private static IResult Broken(HttpContext http, string message) =>
        Html(http, StatusCodes.Status400BadRequest, $"""<p class="error" role="alert">{HtmlEncoder.Default.Encode(message)}</p>""");

    internal static IResult Html(HttpContext http, int status, string body, string title = "Sign in")
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Content($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{title} · Platform</title>
              <link rel="stylesheet" href="{StylesheetPath}">
            </head>
            <body>
              <main>
                <h1>{title}</h1>
                {body}
              </main>
            </body>
            </html>
            """, "text/html; charset=utf-8", statusCode: status);
    }

    private const string Stylesheet = """
        body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
        main { max-width: 22rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
        h1 { font-size: 1.4rem; margin: 0 0 1.5rem; }
        label { display: block; font-size: .9rem; margin: 1rem 0 .3rem; }
        input[type=email], input[type=password] { width: 100%; box-sizing: border-box; padding: .55rem; border: 1px solid #b8bfcc; border-radius: 4px; font-size: 1rem; }
        button { margin-top: 1.5rem; width: 100%; padding: .65rem; border: 0; border-radius: 4px; background: #1f5fbf; color: #fff; font-size: 1rem; cursor: pointer; }
        button.secondary { background: #e4e7ec; color: #1d2330; margin-top: .6rem; }
        .error { background: #fdecec; color: #8a1c1c; padding: .6rem .8rem; border-radius: 4px; }
        """;
}
