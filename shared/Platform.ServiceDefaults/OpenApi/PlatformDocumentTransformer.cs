using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>Document-wide parts: the server, the bearer scheme, the problem schema and tag descriptions.</summary>
internal sealed class PlatformDocumentTransformer(IOptions<PlatformOpenApiOptions> options) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // Relative: the same document is right on the service itself and behind the gateway, whose
        // paths are the services' own; the request's host (with a trailing slash) would be wrong behind it.
        document.Servers = [new OpenApiServer { Url = "/" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[PlatformOpenApi.BearerSchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from the identity service (POST /api/v1/auth/login or /connect/token), sent as 'Authorization: Bearer <token>'.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[PlatformOpenApi.ProblemSchemaName] = ProblemSchema.Create();

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag is OpenApiTag writable && tag.Name is { } name && options.Value.TagDescriptions.TryGetValue(name, out var description))
            {
                writable.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
