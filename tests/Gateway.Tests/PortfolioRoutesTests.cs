using System.Net;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

/// <summary>
/// The portfolio service's routes: its path prefixes and its OpenAPI document reach the portfolio
/// cluster, the API only with a token, and only the positions upload accepts a body past the gateway-wide limit.
/// </summary>
public sealed class PortfolioRoutesTests
{
    private const int Limit = 1024;
    private const int UploadLimit = 16 * 1024 * 1024;
    private const string Upload = "/api/v1/portfolios/7d0c2b7e-5f7a-4c8e-9d43-2a1f0e6b9c11/positions/upload";

    private GatewayHarness _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Only portfolio answers: a request that reached another cluster would get 502, not the echo.
        const string nowhere = "http://127.0.0.1:1/";
        _gateway = await GatewayHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Http:MaxRequestBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReverseProxy:Clusters:identity:Destinations:primary:Address"] = nowhere,
            ["ReverseProxy:Clusters:deals:Destinations:primary:Address"] = nowhere,
            ["ReverseProxy:Clusters:alerts:Destinations:primary:Address"] = nowhere,
            ["ReverseProxy:Clusters:marketdata:Destinations:primary:Address"] = nowhere,
        });
        _client = _gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [TestCase("GET", "/api/v1/portfolios")]
    [TestCase("GET", "/api/v1/portfolios/7d0c2b7e-5f7a-4c8e-9d43-2a1f0e6b9c11?page=2")]
    [TestCase("PUT", "/api/v1/portfolios/7d0c2b7e-5f7a-4c8e-9d43-2a1f0e6b9c11")]
    [TestCase("DELETE", "/api/v1/portfolios/7d0c2b7e-5f7a-4c8e-9d43-2a1f0e6b9c11")]
    [TestCase("POST", "/api/v1/portfolios/admin/jobs")]
    [TestCase("GET", "/api/v1/positions")]
    [TestCase("GET", "/api/v1/positions/42")]
    [TestCase("GET", "/api/v1/tags")]
    [TestCase("POST", "/api/v1/tags")]
    [TestCase("GET", "/api/v1/risk/portfolios/42?confidence=0.99")]
    [TestCase("POST", Upload)]
    [TestCase("POST", "/api/v1/portfolios/admin/batch/snapshots")]
    [TestCase("GET", "/api/v1/portfolios/42/history?from=2026-01-01&to=2026-06-30")]
    [TestCase("GET", "/api/v1/modeling/sessions")]
    [TestCase("POST", "/api/v1/modeling/sessions/42/trades")]
    [TestCase("GET", "/api/v1/index-strategies")]
    [TestCase("POST", "/api/v1/index-strategies/42/simulate")]
    [TestCase("POST", "/api/v1/reports")]
    [TestCase("GET", "/api/v1/reports/42/download?format=pdf")]
    [TestCase("GET", "/api/v1/exports")]
    public async Task Request_ToAPortfolioRoute_ReachesPortfolioWithTheToken(string method, string target)
    {
        using var request = GatewayHarness.Request(new HttpMethod(method), target, _gateway.Token());
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

    [TestCase("/api/v1/portfolios")]
    [TestCase("/api/v1/positions/42")]
    [TestCase("/api/v1/tags")]
    [TestCase("/api/v1/risk/portfolios/42")]
    [TestCase(Upload)]
    [TestCase("/api/v1/modeling/sessions")]
    [TestCase("/api/v1/index-strategies")]
    [TestCase("/api/v1/reports/42/download")]
    [TestCase("/api/v1/exports")]
    public async Task Request_ToAPortfolioRouteWithoutAToken_Returns401(string target)
    {
        using var request = GatewayHarness.Request(target == Upload ? HttpMethod.Post : HttpMethod.Get, target);
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Get_PortfolioOpenApiDocument_IsServedAnonymouslyFromTheServiceDocumentPath()
    {
        using var response = await _client.GetAsync("/openapi/portfolio/v1.json");

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.Path, Is.EqualTo("/openapi/v1.json"));
    }

    [Test]
    public async Task Post_UploadOverTheGatewayWideLimit_IsForwarded()
    {
        var size = 4 * 1024 * 1024;
        using var request = GatewayHarness.Request(HttpMethod.Post, Upload, _gateway.Token());
        request.Content = new ByteArrayContent(new byte[size]);
        request.Content.Headers.ContentType = new("text/csv");
        using var response = await _client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.That(echo.BodyLength, Is.EqualTo(size));
    }

    [Test]
    public async Task Post_UploadOver16MiB_Returns413Problem()
    {
        using var request = GatewayHarness.Request(HttpMethod.Post, Upload, _gateway.Token());
        request.Content = new ByteArrayContent(new byte[UploadLimit + 1]);
        request.Content.Headers.ContentType = new("text/csv");
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Test]
    public async Task Post_OptionPricingUpTo4MiB_IsForwarded_AndOverIt413()
    {
        const int optionPricingLimit = 4 * 1024 * 1024;
        using var within = GatewayHarness.Request(HttpMethod.Post, "/api/v1/risk/option-pricing", _gateway.Token());
        within.Content = new ByteArrayContent(new byte[optionPricingLimit]);
        within.Content.Headers.ContentType = new("application/json");
        using var forwarded = await _client.SendAsync(within);
        Assert.That((await ReadEchoAsync(forwarded)).BodyLength, Is.EqualTo(optionPricingLimit));

        using var over = GatewayHarness.Request(HttpMethod.Post, "/api/v1/risk/option-pricing", _gateway.Token());
        over.Content = new ByteArrayContent(new byte[optionPricingLimit + 1]);
        over.Content.Headers.ContentType = new("application/json");
        using var refused = await _client.SendAsync(over);
        await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [TestCase("POST", "/api/v1/portfolios")]
    [TestCase("POST", "/api/v1/risk/portfolios/7d0c2b7e-5f7a-4c8e-9d43-2a1f0e6b9c11/calculate")]
    [TestCase("PUT", "/api/v1/portfolios/7d0c2b7e-5f7a-4c8e-9d43-2a1f0e6b9c11")]
    [TestCase("PUT", "/api/v1/portfolios/7d0c2b7e-5f7a-4c8e-9d43-2a1f0e6b9c11/positions/upload")]
    [TestCase("POST", "/api/v1/positions")]
    [TestCase("POST", "/api/v1/modeling/sessions/42/trades")]
    [TestCase("POST", "/api/v1/index-strategies")]
    [TestCase("POST", "/api/v1/reports")]
    public async Task Request_OtherThanTheUploadOverTheGatewayWideLimit_Returns413Problem(string method, string target)
    {
        using var request = GatewayHarness.Request(new HttpMethod(method), target, _gateway.Token());
        request.Content = new ByteArrayContent(new byte[Limit + 1]);
        request.Content.Headers.ContentType = new("application/json");
        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }
}
