using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

public static class DeprecationExtensions
{
    /// <summary>
    /// Marks minimal-API endpoints (a route or a whole group) deprecated: every response carries
    /// <c>Deprecation: @&lt;unix seconds&gt;</c> (RFC 9745), <c>Sunset: &lt;HTTP-date&gt;</c> (RFC 8594) and,
    /// with a <paramref name="link"/>, <c>Link: &lt;…&gt;; rel="deprecation"</c>; the OpenAPI operation
    /// is marked deprecated, its description saying until when. Policy: docs/api-conventions.md.
    /// </summary>
    public static TBuilder Deprecated<TBuilder>(this TBuilder builder, DateTimeOffset deprecatedOn, DateTimeOffset sunset, string? link = null)
        where TBuilder : IEndpointConventionBuilder
    {
        if (sunset < deprecatedOn)
        {
            throw new ArgumentException("A route cannot be removed before it is deprecated.", nameof(sunset));
        }

        var deprecation = "@" + deprecatedOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sunsetDate = sunset.ToString("R", CultureInfo.InvariantCulture);
        var linkValue = link is null ? null : $"<{link}>; rel=\"deprecation\"";
        var notice = string.Create(CultureInfo.InvariantCulture, $"Deprecated since {deprecatedOn.UtcDateTime:yyyy-MM-dd}; removed after {sunset.UtcDateTime:yyyy-MM-dd}.")
            + (link is null ? string.Empty : $" See {link}.");

        builder.WithMetadata(new DeprecationMetadata(deprecatedOn, sunset, link));
        // Per endpoint, so no document-wide transformer has to be registered in each service.
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Deprecated = true;
            operation.Description = string.IsNullOrEmpty(operation.Description) ? notice : $"{operation.Description}\n\n{notice}";
            return Task.CompletedTask;
        });
        builder.AddEndpointFilter(async (context, next) =>
        {
            // On starting rather than now: an error response is cleared and rewritten, and callers
            // relying on the route must hear about its end on failures too.
            var response = context.HttpContext.Response;
            response.OnStarting(() =>
            {
                response.Headers["Deprecation"] = deprecation;
                response.Headers["Sunset"] = sunsetDate;
                if (linkValue is not null)
                {
                    response.Headers.Append("Link", linkValue);
                }

                return Task.CompletedTask;
            });
            return await next(context);
        });
        return builder;
    }
}
