using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// How an endpoint hands the client's <c>If-Match</c> to a use case and answers with the new ETag: the
/// one place the three strictness levels live (honoured when sent, required, required and naming a version).
/// </summary>
public static class VersionedRequests
{
    /// <summary>200 with the view and its ETag header.</summary>
    public static IResult OkWithETag<T>(HttpContext http, T view, string etag)
    {
        http.Response.Headers.ETag = etag;
        return TypedResults.Ok(view);
    }

    /// <summary>If-Match honoured when sent (the use case answers 412 when stale); <c>*</c> or none passes null.</summary>
    public static async Task<IResult> WithVersionAsync<T>(HttpContext http, Func<uint?, Task<Result<T>>> send, Func<T, string> etag)
    {
        var version = EntityTags.IfMatch(http.Request);
        return version.IsSuccess ? (await send(version.Value)).ToHttp(view => OkWithETag(http, view, etag(view))) : version.Error!.ToProblem();
    }

    /// <summary>Replacing state without saying which version it replaces would silently drop someone's edit: If-Match is required (428 with <paramref name="required"/>).</summary>
    public static async Task<IResult> WithRequiredVersionAsync<T>(HttpContext http, Error required, Func<uint?, Task<Result<T>>> send, Func<T, string> etag) =>
        EntityTags.HasIfMatch(http.Request) ? await WithVersionAsync(http, send, etag) : required.ToProblem();

    /// <summary>
    /// A decision on what the caller read (an approval, say) must name that version: <c>*</c> would decide on
    /// whatever the resource holds when the request lands, possibly an edit made after the reading (428 with <paramref name="required"/>).
    /// </summary>
    public static async Task<IResult> WithReadVersionAsync<T>(HttpContext http, Error required, Func<uint, Task<Result<T>>> send, Func<T, string> etag)
    {
        var version = EntityTags.IfMatch(http.Request);
        if (!version.IsSuccess)
        {
            return version.Error!.ToProblem();
        }

        return version.Value is { } read ? (await send(read)).ToHttp(view => OkWithETag(http, view, etag(view))) : required.ToProblem();
    }
}
