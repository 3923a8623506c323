using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Identity.Tests.OpenIdConnect;

/// <summary>
/// A plain HTTP client playing a browser and a code-flow client at once: it follows the protocol by
/// hand (no OIDC library), keeps cookies, fills in the sign-in form and exchanges the code with PKCE.
/// </summary>
public sealed partial class CodeFlowBrowser : IDisposable
{
    public const string Scopes = "openid profile email roles offline_access platform-api";

    private readonly HttpClient _http;

    public CodeFlowBrowser(WebApplicationFactory<Program> factory) =>
        _http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient Http => _http;

    public string Verifier { get; } = Base64Url(RandomNumberGenerator.GetBytes(32));

    public string State { get; } = Base64Url(RandomNumberGenerator.GetBytes(16));

    public string Challenge => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public string AuthorizeUrl(
        string clientId = IdentityApiFactory.ConsoleClientId, string redirectUri = IdentityApiFactory.ConsoleRedirectUri,
        string? challengeMethod = "S256", string? challenge = null, string scope = Scopes, string? prompt = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = State,
            ["nonce"] = "n-" + State,
        };
        if (challengeMethod is not null)
        {
            query["code_challenge"] = challenge ?? Challenge;
            query["code_challenge_method"] = challengeMethod;
        }

        if (prompt is not null)
        {
            query["prompt"] = prompt;
        }

        return QueryHelpers.AddQueryString("/connect/authorize", query);
    }

    /// <summary>Authorize, sign in on the page, and come back with the code (asserting each hop).</summary>
    public async Task<string> SignInForCodeAsync(string email, string password = IdentityApiFactory.Password)
    {
        var toSignIn = await _http.GetAsync(AuthorizeUrl());
        Assert.That(toSignIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await toSignIn.Content.ReadAsStringAsync());
        Assert.That(toSignIn.Headers.Location!.OriginalString, Does.StartWith("/account/login?returnUrl="));

        var submitted = await SubmitSignInAsync(toSignIn.Headers.Location!.OriginalString, email, password);
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await submitted.Content.ReadAsStringAsync());
        return await FollowToCodeAsync(submitted.Headers.Location!.OriginalString);
    }

    /// <summary>Every hidden field of a page's form, decoded: what a browser would post back.</summary>
    public static Dictionary<string, string> HiddenFields(string html) =>
        Regex.Matches(html, """<input type="hidden" name="([^"]*)" value="([^"]*)">""")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    public async Task<HttpResponseMessage> SubmitSignInAsync(string signInPage, string email, string password, bool withAntiforgery = true)
    {
        var page = await _http.GetAsync(signInPage);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await page.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = WebUtility.HtmlDecode(HiddenField("returnUrl", html)),
        };
        if (withAntiforgery)
        {
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(HiddenField("__RequestVerificationToken", html));
        }

        return await _http.PostAsync("/account/login", new FormUrlEncodedContent(form));
    }

    /// <summary>From the authorization endpoint to the client's redirect URI: returns the code, checking state.</summary>
    public async Task<string> FollowToCodeAsync(string authorizeUrl, string redirectUri = IdentityApiFactory.ConsoleRedirectUri) =>
        CodeFrom(await _http.GetAsync(authorizeUrl), redirectUri);

    /// <summary>The code of a redirect back to the client, checking where it goes and that state came back.</summary>
    public string CodeFrom(HttpResponseMessage back, string redirectUri = IdentityApiFactory.ConsoleRedirectUri)
    {
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), back.Content.ReadAsStringAsync().Result);
        var location = back.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(redirectUri));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.That(query["state"].ToString(), Is.EqualTo(State), "state must come back unchanged");
        Assert.That(query.ContainsKey("code"), Is.True, location.ToString());
        return query["code"].ToString();
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> RedeemAsync(string code, string? verifier = null, string? redirectUri = null) =>
        await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri ?? IdentityApiFactory.ConsoleRedirectUri,
            ["client_id"] = IdentityApiFactory.ConsoleClientId,
            ["code_verifier"] = verifier ?? Verifier,
        });

    public async Task<(HttpResponseMessage Response, JsonElement Body)> TokenAsync(Dictionary<string, string> form)
    {
        var response = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string HiddenField(string name, string html)
    {
        var match = Regex.Match(html, $"""name="{Regex.Escape(name)}" value="([^"]*)" """.TrimEnd());
        Assert.That(match.Success, Is.True, $"the sign-in page has no {name} field: {html}");
        return match.Groups[1].Value;
    }

    public void Dispose() => _http.Dispose();
}
