using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Refuses bodies over the limit before anything reads them: a declared length over the limit is a
/// 413 at once, and the server's own limit is lowered so an undeclared (chunked) body is cut off too.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<HttpOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}

public static class RequestBodyLimits
{
    /// <summary>Lets this endpoint accept bodies up to <paramref name="maxBytes"/> instead of <c>Http:MaxRequestBodyBytes</c>.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder endpoint, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new BodyLimit(maxBytes));

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
