using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// What every service's OpenAPI document shares, so a client generator gets the same shape from each:
/// the bearer scheme and per-operation security, operation ids, the one problem+json schema for
/// 4xx responses, tag descriptions and a relative server.
/// </summary>
public static class PlatformOpenApi
{
    public const string BearerSchemeName = "bearerAuth";
    public const string ProblemSchemaName = "ProblemDetails";
    public const string ProblemContentType = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer<PlatformOperationTransformer>();
        options.AddDocumentTransformer<PlatformDocumentTransformer>();
    }

    /// <summary>Descriptions for the tags a service's endpoints use (<c>.WithTags(...)</c>).</summary>
    public static IServiceCollection DescribeOpenApiTags(this IServiceCollection services, params (string Name, string Description)[] tags) =>
        services.Configure<PlatformOpenApiOptions>(options =>
        {
            foreach (var (name, description) in tags)
            {
                options.TagDescriptions[name] = description;
            }
        });
}
