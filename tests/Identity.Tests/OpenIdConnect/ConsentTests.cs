using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Identity.Tests.OpenIdConnect;

/// <summary>A third-party client gets a code only after the user allowed it, once per client and scopes.</summary>
public sealed class ConsentTests
{
    private const string Scopes = "openid profile platform-api";

    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static string PartnerAuthorizeUrl(CodeFlowBrowser browser, string? prompt = null) =>
        browser.AuthorizeUrl(IdentityApiFactory.PartnerClientId, IdentityApiFactory.PartnerRedirectUri, scope: Scopes, prompt: prompt);

    /// <summary>Signs in on the page and returns the consent page the authorization request then shows.</summary>
    private static async Task<string> ConsentPageAsync(CodeFlowBrowser browser)
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var toSignIn = await browser.Http.GetAsync(PartnerAuthorizeUrl(browser));
        var signedIn = await browser.SubmitSignInAsync(toSignIn.Headers.Location!.OriginalString, user.Email!, IdentityApiFactory.Password);
        var page = await browser.Http.GetAsync(signedIn.Headers.Location!.OriginalString);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        return html;
    }

    private static Task<HttpResponseMessage> AnswerAsync(CodeFlowBrowser browser, string html, string decision, bool withAntiforgery = true)
    {
        var form = CodeFlowBrowser.HiddenFields(html);
        form["consent"] = decision;
        if (!withAntiforgery)
        {
            form.Remove("__RequestVerificationToken");
        }

        return browser.Http.PostAsync("/connect/authorize", new FormUrlEncodedContent(form));
    }

    [Test]
    public async Task ThirdPartyClient_ShowsWhatItAsksFor_AndGetsACodeOnlyAfterAllow_ThenRemembersIt()
    {
        using var browser = new CodeFlowBrowser(Factory);
        var html = await ConsentPageAsync(browser);

        Assert.That(html, Does.Contain("Partner Analytics").And.Contain("See your name").And.Contain("Use the platform&#x27;s API as you"));
        var code = browser.CodeFrom(await AnswerAsync(browser, html, "allow"), IdentityApiFactory.PartnerRedirectUri);
        Assert.That(code, Is.Not.Empty);

        // Asked once: the next request for the same scopes goes straight back with a code.
        browser.CodeFrom(await browser.Http.GetAsync(PartnerAuthorizeUrl(browser)), IdentityApiFactory.PartnerRedirectUri);
        // prompt=consent asks again.
        Assert.That((await browser.Http.GetAsync(PartnerAuthorizeUrl(browser, prompt: "consent"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Deny_SendsAccessDeniedToTheClient()
    {
        using var browser = new CodeFlowBrowser(Factory);
        var html = await ConsentPageAsync(browser);

        var denied = await AnswerAsync(browser, html, "deny");

        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var query = QueryHelpers.ParseQuery(denied.Headers.Location!.Query);
        Assert.That(query["error"].ToString(), Is.EqualTo("access_denied"));
        Assert.That(query.ContainsKey("code"), Is.False);
    }

    [Test]
    public async Task Allow_WithoutTheAntiforgeryToken_GrantsNothing()
    {
        using var browser = new CodeFlowBrowser(Factory);
        var html = await ConsentPageAsync(browser);

        var forged = await AnswerAsync(browser, html, "allow", withAntiforgery: false);

        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(forged.Headers.Location, Is.Null);
        Assert.That((await browser.Http.GetAsync(PartnerAuthorizeUrl(browser))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still asks");
    }

    [Test]
    public async Task PromptNone_WithoutConsent_ReturnsConsentRequired()
    {
        using var browser = new CodeFlowBrowser(Factory);
        await ConsentPageAsync(browser);

        var response = await browser.Http.GetAsync(PartnerAuthorizeUrl(browser, prompt: "none"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(QueryHelpers.ParseQuery(response.Headers.Location!.Query)["error"].ToString(), Is.EqualTo("consent_required"));
    }
}
