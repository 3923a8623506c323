using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// Per operation, from the endpoint's own metadata rather than by hand: security as the authorization
/// middleware will apply it (the endpoint's policies, else the fallback policy, none with
/// <c>AllowAnonymous</c>), the 4xx responses that follow from it and from the route, and every error
/// response as the shared problem schema. Responses an endpoint declares with another media type
/// (the token endpoint's RFC 6749 errors) are left as declared.
/// </summary>
internal sealed partial class PlatformOperationTransformer(IOptions<PlatformOpenApiOptions> options) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + RouteParameter().Replace(description.RelativePath ?? "", "{$1}");
        operation.Responses ??= [];
        if (operation.OperationId is null)
        {
            Describe(operation, description.HttpMethod, path, metadata);
        }

        var policy = await EffectivePolicyAsync(metadata, context.ApplicationServices);
        operation.Security = policy is null
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(PlatformOpenApi.BearerSchemeName, context.Document)] = [] }];

        Add(operation.Responses, StatusCodes.Status400BadRequest, "The request is invalid: unreadable body, query or route value, or a field breaking its rule.");
        if (policy is not null)
        {
            Add(operation.Responses, StatusCodes.Status401Unauthorized, "No valid access token: missing, invalid, expired or revoked.");
        }

        if (policy?.Requirements.Any(requirement => requirement is not DenyAnonymousAuthorizationRequirement) == true)
        {
            Add(operation.Responses, StatusCodes.Status403Forbidden, "The access token's roles do not allow this operation.");
        }

        if (IdParameter().IsMatch(path))
        {
            Add(operation.Responses, StatusCodes.Status404NotFound, "Nothing with this id (or not visible to the caller).");
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (status[0] is '4' or '5' && response is OpenApiResponse writable && IsProblemOrUndeclared(writable))
            {
                writable.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    [PlatformOpenApi.ProblemContentType] = new() { Schema = new OpenApiSchemaReference(PlatformOpenApi.ProblemSchemaName, context.Document) },
                };
            }
        }
    }

    private void Describe(OpenApiOperation operation, string? method, string path, IList<object> metadata)
    {
        var tags = metadata.OfType<ITagsMetadata>().SelectMany(tagged => tagged.Tags).ToHashSet(StringComparer.Ordinal);
        var doc = options.Value.Operations.FirstOrDefault(doc =>
            tags.Contains(doc.Tag) && string.Equals(doc.Method, method, StringComparison.OrdinalIgnoreCase) && path.EndsWith(doc.RouteSuffix, StringComparison.Ordinal));
        if (doc is null)
        {
            operation.OperationId = FallbackOperationId(method, path);
            return;
        }

        operation.OperationId = doc.OperationId;
        operation.Summary ??= doc.Summary;
        if (doc.SuccessStatus is { } status && operation.Responses!.Remove("200"))
        {
            Add(operation.Responses, status, ReasonPhrases.GetReasonPhrase(status));
        }
    }

    // {id:guid} -> {id}, as the document writes route parameters.
    [GeneratedRegex(@"\{([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    // A route naming one object ({id}, {messageId}) can miss; a value such as {ticker} only filters.
    [GeneratedRegex(@"\{(id|[a-z]+Id)\}")]
    private static partial Regex IdParameter();

    private static async Task<AuthorizationPolicy?> EffectivePolicyAsync(IList<object> metadata, IServiceProvider services)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return null;
        }

        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        return await AuthorizationPolicy.CombineAsync(provider, metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>())
            ?? await provider.GetFallbackPolicyAsync();
    }

    private static void Add(OpenApiResponses responses, int status, string description) =>
        responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse { Description = description });

    private static bool IsProblemOrUndeclared(OpenApiResponse response) =>
        response.Content is null || response.Content.Keys.All(mediaType => mediaType == PlatformOpenApi.ProblemContentType);

    // The last resort, so that a document never lacks an id: for endpoints neither named nor described; e.g. GET api/v1/deals/{id}/audit -> getDealsIdAudit.
    private static string FallbackOperationId(string? method, string? path)
    {
        var words = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(segment => segment is not ("api" or "v1"))
            .SelectMany(segment => segment.Trim('{', '}').Split(':')[0].Split('-', '.', '_'))
            .Where(word => word.Length > 0)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]);
        return (method ?? "get").ToLowerInvariant() + string.Concat(words);
    }
}
