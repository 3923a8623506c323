using Loans.Domain.Bookings;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;

namespace Loans.Api.Endpoints;

/// <summary>If-Match handling shared by the booking and product endpoints.</summary>
internal static class HttpVersions
{
    /// <summary>Changing terms without naming the version read would silently drop someone's edit: If-Match is required (428).</summary>
    public static async Task<IResult> WithRequiredVersion<T>(HttpContext http, Error required, Func<uint?, Task<Result<T>>> send, Func<T, string> etag)
    {
        if (!EntityTags.HasIfMatch(http.Request))
        {
            return required.ToProblem();
        }

        return await WithVersion(http, send, etag);
    }

    /// <summary>If-Match honoured when sent (412 when stale).</summary>
    public static async Task<IResult> WithVersion<T>(HttpContext http, Func<uint?, Task<Result<T>>> send, Func<T, string> etag)
    {
        var version = EntityTags.IfMatch(http.Request);
        return version.IsSuccess ? (await send(version.Value)).ToHttp(view => Ok(http, view, etag(view))) : version.Error!.ToProblem();
    }

    /// <summary>A decision is on the terms the approver read: it must name their version; <c>*</c> would approve whatever is there when it lands.</summary>
    public static async Task<IResult> WithDecidedVersion<T>(HttpContext http, Func<uint, Task<Result<T>>> send, Func<T, string> etag)
    {
        var version = EntityTags.IfMatch(http.Request);
        if (!version.IsSuccess)
        {
            return version.Error!.ToProblem();
        }

        return version.Value is { } read
            ? (await send(read)).ToHttp(view => Ok(http, view, etag(view)))
            : LoanBookingErrors.DecidedVersionRequired.ToProblem();
    }

    public static IResult Ok<T>(HttpContext http, T view, string etag)
    {
        http.Response.Headers.ETag = etag;
        return TypedResults.Ok(view);
    }
}
