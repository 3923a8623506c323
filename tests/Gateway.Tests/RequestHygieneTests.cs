using System.Net;
using System.Text;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

/// <summary>
/// What the gateway refuses itself, never proxying it: methods the platform does not serve, text that
/// is not clean text in the path or query, and request targets and headers over the limits, all as
/// problem+json with the security headers. A sign-in body the limiter cannot read is never a 500.
/// </summary>
public sealed class RequestHygieneTests
{
    private GatewayHarness _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = await GatewayHarness.StartAsync();
        _client = _gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [TestCase("TRACE", HttpStatusCode.MethodNotAllowed, "request.method_not_allowed")]
    [TestCase("TRACK", HttpStatusCode.MethodNotAllowed, "request.method_not_allowed")]
    [TestCase("CONNECT", HttpStatusCode.MethodNotAllowed, "request.method_not_allowed")]
    [TestCase("PROPFIND", HttpStatusCode.NotImplemented, "request.method_not_implemented")]
    public async Task MethodsThePlatformDoesNotServe_AreRefusedAndNotProxied(string method, HttpStatusCode status, string errorCode)
    {
        using var response = await _client.SendAsync(GatewayHarness.Request(new HttpMethod(method), "/api/v1/deals/42", _gateway.Token()));

        // The echo backend would have answered 200 with what it received.
        await response.AssertProblemAsync(status, errorCode);
        AssertSecurityHeaders(response);
    }

    [TestCase("/api/v1/deals?q=%00", "q")]
    [TestCase("/api/v1/deals?q=%FF", "q")]
    [TestCase("/api/v1/deals/%0A", "path")]
    [TestCase("/api/v1/deals/%C0%AF", "path")]
    public async Task TextThatIsNotCleanText_IsRefusedAndNotProxied(string path, string field)
    {
        using var response = await _client.SendAsync(GatewayHarness.Request(HttpMethod.Get, path, _gateway.Token()));

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", field);
        AssertSecurityHeaders(response);
    }

    [TestCase("""{"email":"ada\ud800@example.test","password":"guess"}""", "$.email")]
    [TestCase("""{"\udc00":1,"email":"ada@example.test","password":"guess"}""", "$")]
    public async Task Login_WhoseTextIsNotText_Is400NotA500(string json, string field)
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/auth/login");
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.SendAsync(request);

        // The sign-in limiter reads the account first and must not fail on it; the body check then refuses it.
        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", field);
        AssertSecurityHeaders(response);
    }

    // What the gateway cannot read exactly as the service would: refused (after the address's count), never a 500.
    [TestCase("/account/login", "email=ada%00@example.test&password=guess", "request.invalid_characters", "email")]
    [TestCase("/account/login", "email=ada@example.test&password=gu%07ess", "request.invalid_characters", "password")]
    [TestCase("/account/login", "email=ada%FF@example.test&password=guess", "request.invalid_characters", "email")]
    [TestCase("/account/login", "email=ada%ED%A0%80@example.test&password=guess", "request.invalid_characters", "email")]
    [TestCase("/account/login", "em%00ail=ada@example.test&password=guess", "request.invalid_characters", "form")]
    [TestCase("/connect/token", "grant_type=password&username=ada%C0%AF@example.test&password=guess", "request.invalid_characters", "username")]
    // Named twice (in any case), the service might sign in to the one the limiter did not count.
    [TestCase("/account/login", "email=a@example.test&email=b@example.test", "request.invalid", "email")]
    [TestCase("/account/login", "email=a@example.test&EMAIL=b@example.test", "request.invalid", "email")]
    [TestCase("/connect/token", "grant_type=password&username=a@example.test&Username=b@example.test", "request.invalid", "username")]
    public async Task SignInForm_ThatCannotBeReadAsTheServiceWould_Is400NotA500(string path, string form, string errorCode, string field)
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, path);
        request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _client.SendAsync(request);

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, errorCode, field);
    }

    [TestCaseSource(nameof(FormsNotUtf8OrWithTooManyFields))]
    public async Task SignInForm_WhoseBytesAreNotUtf8OrHaveTooManyFields_Is400NotA500(byte[] body, string errorCode)
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, "/account/login");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var response = await _client.SendAsync(request);

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, errorCode, "form");
    }

    [TestCase("application/x-www-form-urlencoded; charset=iso-8859-1")]
    [TestCase("application/json; charset=utf-16")]
    public async Task SignInBody_InAnotherCharset_Is415SinceTheServiceWouldReadAnotherAccount(string contentType)
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, contentType.Contains("json", StringComparison.Ordinal) ? "/api/v1/auth/login" : "/account/login");
        request.Content = new StringContent("email=ada%E9@example.test&password=guess", Encoding.ASCII);
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await _client.SendAsync(request);

        await response.AssertProblemNamingAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type", "charset");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task SignInForm_PaddedPast8KiB_Is413(bool chunked)
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, "/account/login");
        var padded = Encoding.ASCII.GetBytes("email=ada@example.test&password=guess&pad=" + new string('x', 9000));
        request.Content = chunked ? new StreamContent(new MemoryStream(padded)) : new ByteArrayContent(padded);
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Test]
    public async Task JsonBodyWithTabsAndLineBreaks_IsProxiedIntact()
    {
        const string json = """{"comment":"Line one\r\n\tLine two \ud83d\udcc8"}""";
        using var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/deals/42/approve", _gateway.Token());
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.BodyLength, Is.EqualTo(Encoding.UTF8.GetByteCount(json)));
    }

    // The limits are the application's; only a real server has limits of its own to sit above them.
    [Test]
    public async Task RequestTargetBetweenTheApplicationAndServerLimits_Is414ProblemWithSecurityHeaders()
    {
        await using var gateway = await GatewayHarness.StartAsync(onKestrel: true);
        using var client = gateway.CreateClient();

        // Over the 8 KiB application limit, under the server's: Kestrel alone would answer a bare 414 at 8 KiB.
        using var response = await client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/deals?q=" + new string('x', 12 * 1024), gateway.Token()));

        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong, "request.uri_too_long");
        AssertSecurityHeaders(response);
    }

    [TestCase(1, 40 * 1024)]
    [TestCase(150, 10)]
    public async Task HeadersBetweenTheApplicationAndServerLimits_Are431ProblemWithSecurityHeaders(int count, int valueLength)
    {
        await using var gateway = await GatewayHarness.StartAsync(onKestrel: true);
        using var client = gateway.CreateClient();
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/deals", gateway.Token());
        for (var i = 0; i < count; i++)
        {
            request.Headers.Add($"X-Padding-{i}", new string('x', valueLength));
        }

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "request.headers_too_large");
        AssertSecurityHeaders(response);
    }

    private static IEnumerable<TestCaseData> FormsNotUtf8OrWithTooManyFields()
    {
        yield return new TestCaseData((byte[])[.. "email=ada"u8, 0xFF, 0xFE, .. "@example.test&password=guess"u8], "request.invalid_characters")
            .SetArgDisplayNames("raw bytes FF FE", "request.invalid_characters");
        // Past the 1024 fields the framework's form readers (the gateway's and the service's) accept.
        yield return new TestCaseData(Encoding.ASCII.GetBytes("email=ada@example.test" + string.Concat(Enumerable.Repeat("&x", 1100))), "request.invalid")
            .SetArgDisplayNames("1101 fields", "request.invalid");
    }
}
