using System.Diagnostics;
using System.Net;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

/// <summary>X-Request-ID and W3C trace context travel from the client through the gateway to the service.</summary>
public sealed class CorrelationTests : SharedGatewayTests
{
    [Test]
    public async Task Get_WhenRequestIdGiven_EchoesAndForwardsIt()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add(RequestIdHeader, "client-req.42:abc");
        using var response = await Client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SingleHeader(response, RequestIdHeader), Is.EqualTo("client-req.42:abc"));
            Assert.That(echo.Header(RequestIdHeader), Is.EqualTo("client-req.42:abc"));
        }
    }

    [Test]
    public async Task Get_WhenRequestIdAbsent_CreatesOneAndForwardsIt()
    {
        using var response = await Client.GetAsync("/.well-known/openid-configuration");

        var echo = await ReadEchoAsync(response);
        var created = SingleHeader(response, RequestIdHeader);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created, Is.Not.Null.And.Not.Empty);
            Assert.That(echo.Header(RequestIdHeader), Is.EqualTo(created));
        }
    }

    [TestCase("has spaces in it")]
    [TestCase("line\tbreak")]
    [TestCase(null)]
    public async Task Get_WhenRequestIdUnsafe_ReplacesIt(string? unsafeId)
    {
        unsafeId ??= new string('a', 500);
        using var request = GatewayHarness.Request(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.TryAddWithoutValidation(RequestIdHeader, unsafeId);
        using var response = await Client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        var replaced = SingleHeader(response, RequestIdHeader);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(replaced, Is.Not.EqualTo(unsafeId).And.Match("^[A-Za-z0-9._:-]{1,128}$"));
            Assert.That(echo.Header(RequestIdHeader), Is.EqualTo(replaced));
        }
    }

    [Test]
    public async Task Get_WhenErrorAnswered_ProblemCarriesTheGivenRequestId()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add(RequestIdHeader, "trace-me-1");
        using var response = await Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.That(problem.GetProperty("requestId").GetString(), Is.EqualTo("trace-me-1"));
    }

    [Test]
    public async Task Get_WhenNoTraceContextGiven_ForwardsANewTraceparent()
    {
        using var response = await Client.GetAsync("/.well-known/openid-configuration");

        var echo = await ReadEchoAsync(response);
        // Flags: sampled (01) and, from runtimes that set it, random trace id (02; W3C Trace Context level 2).
        Assert.That(echo.Header("traceparent"), Does.Match("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]$"));
    }

    [Test]
    public async Task Get_WhenTraceparentGiven_ForwardsTheSameTraceWithTheGatewaySpan()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var parentSpan = ActivitySpanId.CreateRandom().ToHexString();
        using var request = GatewayHarness.Request(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add("traceparent", $"00-{traceId}-{parentSpan}-01");
        using var response = await Client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        var forwarded = echo.Header("traceparent");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(forwarded, Does.StartWith($"00-{traceId}-"));
            Assert.That(forwarded, Does.Not.Contain(parentSpan));
        }
    }
}
