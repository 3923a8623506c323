using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Gateway.Tests;

internal static class HttpAssertions
{
    public const string RequestIdHeader = "X-Request-ID";

    /// <summary>The request as the backend saw it, after the gateway forwarded it.</summary>
    public static async Task<EchoedRequest> ReadEchoAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var echo = await response.Content.ReadFromJsonAsync<EchoedRequest>(EchoedRequest.JsonOptions);
        Assert.That(echo, Is.Not.Null);
        return echo!;
    }

    public static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SingleHeader(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(SingleHeader(response, "X-Frame-Options"), Is.EqualTo("DENY"));
            Assert.That(SingleHeader(response, "Referrer-Policy"), Is.EqualTo("no-referrer"));
            Assert.That(SingleHeader(response, "Content-Security-Policy"), Is.EqualTo("default-src 'none'; frame-ancestors 'none'"));
            Assert.That(SingleHeader(response, "Cross-Origin-Resource-Policy"), Is.EqualTo("same-origin"));
            Assert.That(SingleHeader(response, "Server"), Is.Null);
            Assert.That(SingleHeader(response, "X-Powered-By"), Is.Null);
        }
    }

    /// <summary>A response or content header's value, or null when absent.</summary>
    public static string? SingleHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
