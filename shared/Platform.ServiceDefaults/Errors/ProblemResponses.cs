using System.Text.Json;

namespace Platform.ServiceDefaults.Errors;

/// <summary>Reading another platform service's problem+json answer, as its callers do.</summary>
public static class ProblemResponses
{
    /// <summary>
    /// Whether the answer is a problem carrying <paramref name="errorCode"/> (as <c>errorCode</c>, <c>code</c> or
    /// its <c>type</c> URN). Anything else (no JSON body, a proxy's page, another code) is not: callers treat it
    /// as no answer rather than as the service's verdict.
    /// </summary>
    public static async Task<bool> HasErrorCodeAsync(HttpResponseMessage response, string errorCode, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return false;
        }

        try
        {
            using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && (Is(problem.RootElement, ProblemFields.ErrorCode, errorCode)
                    || Is(problem.RootElement, "code", errorCode)
                    || Is(problem.RootElement, "type", ProblemFields.TypeFor(errorCode)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Is(JsonElement problem, string member, string value) =>
        problem.TryGetProperty(member, out var found) && found.ValueKind == JsonValueKind.String && found.GetString() == value;
}
