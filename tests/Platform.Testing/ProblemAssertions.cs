using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace Platform.Testing;

public static class ProblemAssertions
{
    private static readonly string[] Members = ["type", "title", "status", "detail", "errorCode", "traceId", "requestId"];

    /// <summary>
    /// Asserts an RFC 9457 problem response carrying every member the platform promises, correlated
    /// with the response's X-Request-ID, and returns its body for further checks.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? errorCode = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        using (Assert.EnterMultipleScope())
        {
            foreach (var member in Members)
            {
                Assert.That(body.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null, Is.True, $"problem member '{member}' missing: {text}");
            }

            Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(body.GetProperty("errorCode").GetString(), errorCode is null ? Is.Not.Empty : Is.EqualTo(errorCode));
            if (response.Headers.TryGetValues("X-Request-ID", out var requestIds))
            {
                Assert.That(body.GetProperty("requestId").GetString(), Is.EqualTo(requestIds.Single()));
            }

            Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack traces or exception names leak");
        }

        return body;
    }

    /// <summary>As <see cref="AssertProblemAsync"/>, and the problem's <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertProblemNamingAsync(this HttpResponseMessage response, HttpStatusCode status, string errorCode, string field)
    {
        var body = await response.AssertProblemAsync(status, errorCode);
        Assert.That(body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), Is.True, $"errors name '{field}': {body}");
        return body;
    }
}
