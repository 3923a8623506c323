using System.Globalization;
using Microsoft.AspNetCore.Http;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Http;

/// <summary>ETags are the row version in quotes (<c>"1234"</c>); If-Match must carry one of ours, or <c>*</c>.</summary>
public static class EntityTags
{
    private static readonly Error Malformed = Error.Validation(new Dictionary<string, string[]>
    {
        ["If-Match"] = ["Send the ETag from your last read of this resource, such as \"1234\"."],
    });

    /// <summary>The version the client says it changes: null when the header is absent or <c>*</c>.</summary>
    public static Result<uint?> IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return Result<uint?>.Ok(null);
        }

        // A weak tag never matches under If-Match (RFC 9110 strong comparison): it is stale by definition.
        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            return Result<uint?>.Ok(0);
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && uint.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? Result<uint?>.Ok(version)
            : Malformed;
    }

    /// <summary>Whether the client sent If-Match at all; <c>*</c> counts, as the client's explicit choice to overwrite.</summary>
    public static bool HasIfMatch(HttpRequest request) => request.Headers.IfMatch.Count > 0;

    /// <summary>A 304 carrying the ETag when If-None-Match names the current version; null when the full response is due.</summary>
    public static IResult? NotModified(HttpContext http, string etag)
    {
        if (!IfNoneMatchHits(http.Request, etag))
        {
            return null;
        }

        http.Response.Headers.ETag = etag;
        return TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    public static bool IfNoneMatchHits(HttpRequest request, string etag) =>
        request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.TrimEntries).Any(tag => tag == etag || tag == "*" || tag == "W/" + etag);
}
