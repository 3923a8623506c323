using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace EndToEnd.Tests;

/// <summary>
/// The authorization code flow with PKCE through the gateway, by a plain HTTP client that plays the
/// browser (cookies, the sign-in form) and the console (state, verifier, token request).
/// </summary>
public sealed class CodeFlowTests
{
    [Test]
    public async Task CodeFlow_ThroughTheGateway_SignsInOnThePage_AndTheTokenCallsTheApi()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Platform.Gateway,
        };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(12));
        var redirectUri = new Uri(Platform.Gateway, "/console/callback").ToString();
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = Platform.ConsoleClientId, ["response_type"] = "code", ["redirect_uri"] = redirectUri,
            ["scope"] = "openid offline_access platform-api", ["state"] = state,
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });

        var toSignIn = await browser.GetAsync(authorize);
        Assert.That(toSignIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await toSignIn.Content.ReadAsStringAsync());
        var page = await browser.GetAsync(toSignIn.Headers.Location);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("style-src 'self'"));

        var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "analyst@platform.local",
            ["password"] = "Meadow-Copper-2026!",
            ["returnUrl"] = WebUtility.HtmlDecode(Field("returnUrl", html)),
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Field("__RequestVerificationToken", html)),
        }));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());
        var back = await browser.GetAsync(signedIn.Headers.Location);
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await back.Content.ReadAsStringAsync());
        Assert.That(back.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(redirectUri));
        var callback = QueryHelpers.ParseQuery(back.Headers.Location.Query);
        Assert.That(callback["state"].ToString(), Is.EqualTo(state));

        var wrongVerifier = await RedeemAsync(browser, callback["code"]!, redirectUri, Base64Url(new byte[32]));
        Assert.That(wrongVerifier.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        // The browser is signed in now: authorize answers with a fresh code straight away, no form.
        var again = await browser.GetAsync(authorize);
        var code = QueryHelpers.ParseQuery(again.Headers.Location!.Query)["code"].ToString();
        var redeemed = await RedeemAsync(browser, code, redirectUri, verifier);
        var tokens = JsonDocument.Parse(await redeemed.Content.ReadAsStringAsync()).RootElement;
        Assert.That(redeemed.StatusCode, Is.EqualTo(HttpStatusCode.OK), tokens.ToString());

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var profile = await browser.SendAsync(me);
        Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK), await profile.Content.ReadAsStringAsync());

        // userinfo, refresh, revocation and end-session, each through its gateway route.
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var info = await browser.SendAsync(userInfo);
        Assert.That(info.StatusCode, Is.EqualTo(HttpStatusCode.OK), await info.Content.ReadAsStringAsync());
        var refreshed = await TokenAsync(browser, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()! });
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await refreshed.Content.ReadAsStringAsync());
        var next = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync()).RootElement.GetProperty("refresh_token").GetString()!;
        var revoked = await browser.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = next, ["token_type_hint"] = "refresh_token", ["client_id"] = Platform.ConsoleClientId,
        }));
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await revoked.Content.ReadAsStringAsync());
        var afterRevoke = await TokenAsync(browser, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = next });
        Assert.That(afterRevoke.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var ended = await browser.GetAsync("/connect/endsession");
        Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var signedOut = await browser.GetAsync(authorize);
        Assert.That(signedOut.Headers.Location!.OriginalString, Does.StartWith("/account/login"), "the browser session ended");

        var replay = await RedeemAsync(browser, code, redirectUri, verifier);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a code is single-use");
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, Dictionary<string, string> form)
    {
        form["client_id"] = Platform.ConsoleClientId;
        return client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    private static Task<HttpResponseMessage> RedeemAsync(HttpClient client, string code, string redirectUri, string verifier) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri,
            ["client_id"] = Platform.ConsoleClientId, ["code_verifier"] = verifier,
        }));

    private static string Field(string name, string html) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
