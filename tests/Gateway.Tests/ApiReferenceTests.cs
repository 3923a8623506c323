using System.Net;
using System.Text.RegularExpressions;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed partial class ApiReferenceTests
{
    private const string PagePath = "/api-reference";

    [Test]
    public async Task ApiReference_WhenEnabled_ServesThePageOverEveryServiceDocument()
    {
        await using var gateway = await GatewayHarness.StartAsync(new Dictionary<string, string?> { ["Gateway:ApiReference:Enabled"] = "true" });
        using var client = gateway.CreateClient();

        using var bare = await client.GetAsync(PagePath);
        Assert.That(bare.Headers.Location?.OriginalString, Does.EndWith(PagePath.TrimStart('/') + "/"), "the bare path redirects to the page");
        using var response = await client.GetAsync(PagePath + "/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var policy = SingleHeader(response, "Content-Security-Policy");
        var nonce = NonceAttribute().Match(page);
        using (Assert.EnterMultipleScope())
        {
            foreach (var service in new[] { "identity", "deals", "alerts", "marketdata", "portfolio" })
            {
                Assert.That(page, Does.Contain(service), $"the page offers the {service} document");
            }

            Assert.That(nonce.Success, Is.True, "the inline start-up script carries a nonce");
            // The attribute is HTML-encoded (a + in the nonce is &#x2B;), which the browser decodes before comparing.
            Assert.That(policy, Does.Contain($"script-src 'self' 'nonce-{System.Net.WebUtility.HtmlDecode(nonce.Groups[1].Value)}'"));
            Assert.That(policy, Does.Contain("connect-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-eval"));
            Assert.That(SingleHeader(response, "X-Frame-Options"), Is.EqualTo("DENY"));
        }

        var scripts = ScriptSource().Matches(page).Select(match => match.Groups[1].Value).ToList();
        Assert.That(scripts, Is.Not.Empty, "the page loads its bundle from the gateway");
        foreach (var script in scripts)
        {
            using var asset = await client.GetAsync(new Uri(new Uri("http://localhost" + PagePath + "/"), script));
            Assert.That(asset.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{script} is served to anonymous callers");
        }

        // The page's relaxed policy is the page's alone: API responses keep the strict one.
        using var api = await client.GetAsync("/health/live");
        AssertSecurityHeaders(api);
    }

    [TestCase("false")]
    [TestCase(null)]
    public async Task ApiReference_WhenDisabledOrOutsideDevelopment_IsNotFound(string? enabled)
    {
        var settings = enabled is null ? null : new Dictionary<string, string?> { ["Gateway:ApiReference:Enabled"] = enabled };
        await using var gateway = await GatewayHarness.StartAsync(settings);
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, PagePath, gateway.Token()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [GeneratedRegex("<script[^>]*\\snonce=\"([^\"]+)\"")]
    private static partial Regex NonceAttribute();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
