using System.Text;
using System.Text.Encodings.Web;
using Identity.Infrastructure.OpenIddict;
using Microsoft.AspNetCore.Antiforgery;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.SignIn;

/// <summary>
/// Asks the signed-in user whether a third-party client may act for them, with the scopes it asked
/// for in words. The form posts the same authorization request back, with the answer and an
/// anti-forgery token; nothing is granted without that post.
/// </summary>
internal static class ConsentPage
{
    public const string DecisionField = "consent";
    public const string Allow = "allow";
    public const string Deny = "deny";

    private static readonly Dictionary<string, string> ScopeWords = new(StringComparer.Ordinal)
    {
        [Scopes.OpenId] = "Know who you are on the platform",
        [Scopes.Profile] = "See your name",
        [Scopes.Email] = "See your email address",
        [Scopes.Roles] = "See your roles",
        [Scopes.OfflineAccess] = "Stay connected when you are not using it",
        ["platform-api"] = "Use the platform's API as you, with your roles",
    };

    public static IResult Show(HttpContext http, IAntiforgery antiforgery, OpenIddictRequest request, string clientName)
    {
        var html = HtmlEncoder.Default;
        var tokens = antiforgery.GetAndStoreTokens(http);
        var fields = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is DecisionField || name == tokens.FormFieldName)
            {
                continue;
            }

            fields.Append($"""<input type="hidden" name="{html.Encode(name)}" value="{html.Encode(value.ToString() ?? "")}">""");
        }

        var scopes = string.Concat(request.GetScopes().Select(scope => $"<li>{html.Encode(ScopeWords.GetValueOrDefault(scope, scope))}</li>"));
        return SignInPage.Html(http, StatusCodes.Status200OK, $"""
            <p><strong>{html.Encode(clientName)}</strong> asks to:</p>
            <ul>{scopes}</ul>
            <form method="post" action="{OpenIddictSetup.Paths.Authorize}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
              {fields}
              <button type="submit" name="{DecisionField}" value="{Allow}">Allow</button>
              <button type="submit" name="{DecisionField}" value="{Deny}" class="secondary">Deny</button>
            </form>
            """, title: "Allow access?");
    }

    public static IResult Expired(HttpContext http) => SignInPage.Html(http, StatusCodes.Status400BadRequest,
        """<p class="error" role="alert">The form had expired. Start again from the application you were using.</p>""");
}
