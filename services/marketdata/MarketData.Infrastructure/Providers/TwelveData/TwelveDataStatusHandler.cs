using System.Net;
using System.Text.Json;

namespace MarketData.Infrastructure.Providers.TwelveData;

/// <summary>
/// Twelve Data may answer an error with HTTP 200 and <c>{"code": 429, "status": "error"}</c> in the
/// body. Innermost in its client, this handler makes that code the response's status, so the retry,
/// the circuit breaker and the error mapping see a 429 or a 5xx for what it is.
/// </summary>
internal sealed class TwelveDataStatusHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (InBodyStatus(body) is { } code)
        {
            response.StatusCode = (HttpStatusCode)code;
        }

        return response;
    }

    private static int? InBodyStatus(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() == "error"
                && root.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) && value is >= 400 and <= 599
                ? value
                : null;
        }
        catch (JsonException)
        {
            // Malformed: left for the provider to reject.
            return null;
        }
    }
}
