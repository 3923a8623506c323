using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Gateway.Tests;

internal static class HttpAssertions
{
    public const string RequestIdHeader = "X-Request-ID";

    private static readonly string[] ProblemMembers = ["type", "title", "status", "detail", "errorCode", "traceId", "requestId"];

    /// <summary>An RFC 9457 problem with every member the platform promises, correlated with the response's request id.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
            foreach (var member in ProblemMembers)
            {
                Assert.That(problem.TryGetProperty(member, out _), Is.True, $"problem member '{member}' missing: {body}");
            }

            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(problem.GetProperty("errorCode").GetString(), Is.EqualTo(errorCode));
            Assert.That(problem.GetProperty("requestId").GetString(), Is.EqualTo(SingleHeader(response, RequestIdHeader)));
        }

        return problem;
    }

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
