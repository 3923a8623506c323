using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;
using Platform.Testing;

namespace Deals.Tests.ServiceDefaults;

/// <summary>
/// What every service refuses before any endpoint runs (shared RequestProtocolMiddleware): methods it
/// never serves, and request targets and headers over the configured limits. The service answers these
/// itself, in problem+json with nosniff and no-store, because Kestrel's own limits sit above them.
/// </summary>
public sealed class RequestProtocolTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    [TestCase("TRACE", HttpStatusCode.MethodNotAllowed, "request.method_not_allowed")]
    [TestCase("TRACK", HttpStatusCode.MethodNotAllowed, "request.method_not_allowed")]
    [TestCase("CONNECT", HttpStatusCode.MethodNotAllowed, "request.method_not_allowed")]
    [TestCase("PROPFIND", HttpStatusCode.NotImplemented, "request.method_not_implemented")]
    [TestCase("FOO", HttpStatusCode.NotImplemented, "request.method_not_implemented")]
    public async Task MethodsThePlatformDoesNotServe_AreRefused(string method, HttpStatusCode status, string errorCode)
    {
        using var analyst = Api.Analyst(out _);
        using var response = await analyst.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/deals"));

        await response.AssertProblemAsync(status, errorCode);
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }));
            AssertServiceHeaders(response);
        });
    }

    [Test]
    public async Task RequestTargetOverTheLimit_Is414Problem()
    {
        using var analyst = Api.Analyst(out _);
        var limit = new HttpOptions().MaxRequestTargetLength;
        using var response = await analyst.GetAsync("/api/v1/deals?q=" + new string('x', limit));

        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong, "request.uri_too_long");
        AssertServiceHeaders(response);
    }

    [Test]
    public async Task RequestTargetAtTheLimit_IsServed()
    {
        using var analyst = Api.Analyst(out _);
        var path = "/api/v1/deals?tag=";
        using var response = await analyst.GetAsync(path + new string('x', new HttpOptions().MaxRequestTargetLength - path.Length));

        // Served (the tag is too long for the filter rule, which answers), not refused as too long.
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task HeadersOverTheTotalLimit_Are431Problem()
    {
        using var analyst = Api.Analyst(out _);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/deals");
        request.Headers.Add("X-Padding", new string('x', new HttpOptions().MaxRequestHeadersTotalBytes));
        using var response = await analyst.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "request.headers_too_large");
        AssertServiceHeaders(response);
    }

    [Test]
    public async Task MoreHeadersThanTheLimit_Are431Problem()
    {
        using var analyst = Api.Analyst(out _);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/deals");
        for (var i = 0; i < new HttpOptions().MaxRequestHeaderCount; i++)
        {
            request.Headers.Add($"X-Extra-{i}", "1");
        }

        using var response = await analyst.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "request.headers_too_large");
    }

    [Test]
    public void KestrelLimits_SitAboveTheApplicationLimits_SoTheApplicationAnswers()
    {
        var http = Api.Services.GetRequiredService<IOptions<HttpOptions>>().Value;
        var kestrel = Api.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Multiple(() =>
        {
            // The request line adds the method and the protocol version to the target.
            Assert.That(kestrel.MaxRequestLineSize, Is.GreaterThan(http.MaxRequestTargetLength + "OPTIONS  HTTP/1.1".Length));
            Assert.That(kestrel.MaxRequestHeadersTotalSize, Is.GreaterThan(http.MaxRequestHeadersTotalBytes));
            Assert.That(kestrel.MaxRequestHeaderCount, Is.GreaterThan(http.MaxRequestHeaderCount));
        });
    }

    [Test]
    public async Task EveryResponse_CarriesNoSniff()
    {
        using var analyst = Api.Analyst(out _);
        using var response = await analyst.GetAsync("/api/v1/deals");

        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
    }

    private static void AssertServiceHeaders(HttpResponseMessage response)
    {
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }
}
