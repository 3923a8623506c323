using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace Platform.Testing;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem response with our members, and returns its body for further checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? errorCode = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(body.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("type").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("traceId").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("requestId").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("errorCode").GetString(), errorCode is null ? Is.Not.Empty : Is.EqualTo(errorCode));
            Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack traces or exception names leak");
        });
        return body;
    }
}
