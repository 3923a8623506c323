using System.Net;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

/// <summary>
/// The loans service's routes: bookings, products and the OpenAPI document reach the loans cluster; the
/// document upload alone takes bodies of 20 MiB (plus multipart framing) and is limited per user.
/// </summary>
public sealed class LoansRoutesTests
{
    private const int Limit = 1024;
    private const int UploadLimit = 21_037_056;
    private const string Upload = "/api/v1/loan-bookings/7d0c2b7e-5f7a-4c8e-9d43-2a1f0e6b9c11/documents";

    private GatewayHarness _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Only loans answers: a request that reached another cluster would get 502, not the echo.
        const string nowhere = "http://127.0.0.1:1/";
        _gateway = await GatewayHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Http:MaxRequestBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReverseProxy:Clusters:identity:Destinations:primary:Address"] = nowhere,
            ["ReverseProxy:Clusters:deals:Destinations:primary:Address"] = nowhere,
            ["ReverseProxy:Clusters:alerts:Destinations:primary:Address"] = nowhere,
            ["ReverseProxy:Clusters:marketdata:Destinations:primary:Address"] = nowhere,
            ["ReverseProxy:Clusters:portfolio:Destinations:primary:Address"] = nowhere,
            ["RateLimiting:UploadPermitsPerMinute"] = "3",
        });
        _client = _gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [TestCase("GET", "/api/v1/loan-bookings")]
    [TestCase("GET", "/api/v1/loan-bookings?status=submitted&page=2")]
    [TestCase("POST", "/api/v1/loan-bookings")]
    [TestCase("PUT", "/api/v1/loan-bookings/42")]
    [TestCase("POST", "/api/v1/loan-bookings/42/approve")]
    [TestCase("GET", "/api/v1/loan-bookings/42/documents/7/extraction")]
    [TestCase("GET", "/api/v1/loan-bookings/42/booking-sheet")]
    [TestCase("GET", "/api/v1/loan-products")]
    [TestCase("PUT", "/api/v1/loan-products/TL-5Y")]
    public async Task Request_ToALoansRoute_ReachesLoansWithTheToken(string method, string target)
    {
        using var request = GatewayHarness.Request(new HttpMethod(method), target, _gateway.Token(subject: "routes-user"));
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo.Method, Is.EqualTo(method));
            Assert.That(echo.Path + echo.Query, Is.EqualTo(target));
            Assert.That(echo.Header("Authorization"), Does.StartWith("Bearer "));
        }
    }

    [TestCase("/api/v1/loan-bookings")]
    [TestCase("/api/v1/loan-products")]
    [TestCase(Upload)]
    public async Task Request_ToALoansRouteWithoutAToken_Returns401(string target)
    {
        using var request = GatewayHarness.Request(target == Upload ? HttpMethod.Post : HttpMethod.Get, target);
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_LoansOpenApiDocument_IsServedAnonymouslyFromTheServiceDocumentPath()
    {
        using var response = await _client.GetAsync("/openapi/loans/v1.json");

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.Path, Is.EqualTo("/openapi/v1.json"));
    }

    [Test]
    public async Task Post_UploadOfTwentyMiB_IsForwarded_AndAnythingLargerIs413()
    {
        var token = _gateway.Token(subject: "uploader-size");
        using var within = GatewayHarness.Request(HttpMethod.Post, Upload, token);
        within.Content = new ByteArrayContent(new byte[20 * 1024 * 1024]);
        within.Content.Headers.ContentType = new("application/octet-stream");
        using var forwarded = await _client.SendAsync(within);
        Assert.That((await ReadEchoAsync(forwarded)).BodyLength, Is.EqualTo(20 * 1024 * 1024));

        using var over = GatewayHarness.Request(HttpMethod.Post, Upload, token);
        over.Content = new ByteArrayContent(new byte[UploadLimit + 1]);
        over.Content.Headers.ContentType = new("application/octet-stream");
        using var refused = await _client.SendAsync(over);
        await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Test]
    public async Task Post_Uploads_AreLimitedPerUser_WhileOtherRequestsAndUsersAreServed()
    {
        var token = _gateway.Token(subject: "uploader-rate");
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await _client.SendAsync(UploadRequest(token));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"upload {i + 1}");
        }

        using var throttled = await _client.SendAsync(UploadRequest(token));
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "request.rate_limited");
        Assert.That(SingleHeader(throttled, "Retry-After"), Is.Not.Null);

        using var list = await _client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/loan-bookings", token));
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var otherUser = await _client.SendAsync(UploadRequest(_gateway.Token(subject: "uploader-other")));
        Assert.That(otherUser.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Post_BookingOverTheGatewayWideLimit_Returns413Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, "/api/v1/loan-bookings", _gateway.Token(subject: "routes-user"));
        request.Content = new ByteArrayContent(new byte[Limit + 1]);
        request.Content.Headers.ContentType = new("application/json");
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    private static HttpRequestMessage UploadRequest(string token)
    {
        var request = GatewayHarness.Request(HttpMethod.Post, Upload, token);
        request.Content = new ByteArrayContent([1, 2, 3]);
        request.Content.Headers.ContentType = new("application/octet-stream");
        return request;
    }
}
