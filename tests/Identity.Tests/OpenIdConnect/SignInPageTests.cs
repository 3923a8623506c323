using System.Net;

namespace Identity.Tests.OpenIdConnect;

/// <summary>The sign-in page: anti-forgery, the same password rules and lockout, safe errors, no open redirect.</summary>
public sealed class SignInPageTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static async Task<string> SignInPageUrlAsync(CodeFlowBrowser browser) =>
        (await browser.Http.GetAsync(browser.AuthorizeUrl())).Headers.Location!.OriginalString;

    [Test]
    public async Task Page_IsHtmlWithItsOwnStylesheetAndNoScript()
    {
        using var browser = new CodeFlowBrowser(Factory);

        var page = await browser.Http.GetAsync(await SignInPageUrlAsync(browser));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'").And.Contain("style-src 'self'"));
            Assert.That(page.Headers.CacheControl!.NoStore, Is.True);
            Assert.That(html, Does.Contain("""<link rel="stylesheet" href="/account/site.css">"""));
            Assert.That(html, Does.Not.Contain("<script"));
        });
        var css = await browser.Http.GetAsync("/account/site.css");
        Assert.That(css.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/css"));
    }

    [Test]
    public async Task WrongPassword_ShowsTheSameMessageAsAnUnknownEmail_AndSetsNoSession()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var signIn = await SignInPageUrlAsync(browser);

        var wrongPassword = await browser.SubmitSignInAsync(signIn, user.Email!, "not the password at all");
        var unknownEmail = await browser.SubmitSignInAsync(signIn, IdentityApiFactory.NewEmail("nobody"), "not the password at all");

        Assert.That(wrongPassword.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(unknownEmail.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await wrongPassword.Content.ReadAsStringAsync(), Does.Contain("The email or password is incorrect."));
        Assert.That(await unknownEmail.Content.ReadAsStringAsync(), Does.Contain("The email or password is incorrect."));
        Assert.That((await browser.Http.GetAsync(browser.AuthorizeUrl())).Headers.Location!.OriginalString, Does.StartWith("/account/login"));
    }

    [Test]
    public async Task RepeatedFailures_LockTheAccount_EvenWithTheRightPasswordAfterwards()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);
        var signIn = await SignInPageUrlAsync(browser);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await browser.SubmitSignInAsync(signIn, user.Email!, "not the password at all");
        }

        var right = await browser.SubmitSignInAsync(signIn, user.Email!, IdentityApiFactory.Password);

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await right.Content.ReadAsStringAsync(), Does.Contain("locked"));
    }

    [Test]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var browser = new CodeFlowBrowser(Factory);

        var response = await browser.SubmitSignInAsync(await SignInPageUrlAsync(browser), user.Email!, IdentityApiFactory.Password, withAntiforgery: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null);
    }

    [TestCase("https://attacker.example/")]
    [TestCase("//attacker.example/connect/authorize")]
    [TestCase("/connect/authorize/../../evil")]
    [TestCase("/api/v1/users")]
    [TestCase("/connect/authorize?\\\\attacker")]
    public async Task ReturnUrl_OtherThanTheAuthorizationEndpoint_IsRefused(string returnUrl)
    {
        using var browser = new CodeFlowBrowser(Factory);

        var page = await browser.Http.GetAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var post = await browser.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "a@example.test", ["password"] = "whatever", ["returnUrl"] = returnUrl,
        }));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(post.Headers.Location, Is.Null);
    }

    [TestCase("ada\u0000@example.test")]
    [TestCase("<script>alert(1)</script>")]
    public async Task HostileEmail_IsAnsweredSafely(string email)
    {
        using var browser = new CodeFlowBrowser(Factory);

        var response = await browser.SubmitSignInAsync(await SignInPageUrlAsync(browser), email, "whatever whatever");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.AnyOf(400, 401));
        Assert.That(html, Does.Not.Contain("<script>"));
        Assert.That(html, Does.Not.Contain("\u0000"));
    }
}
