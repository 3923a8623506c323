using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// The RFC 9457 body every platform error has (see docs/api-conventions.md), as one component schema.
/// Required are the members every platform problem carries; <c>detail</c>, <c>instance</c> and
/// <c>errors</c> appear when they apply.
/// </summary>
internal static class ProblemSchema
{
    public static OpenApiSchema Create() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. Branch on errorCode; quote traceId and requestId when reporting a problem.",
        Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", "errorCode", "traceId", "requestId" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = Text("A URI naming the kind of problem: urn:platform:error:<errorCode>."),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong with this request, for people."),
            ["instance"] = Text("The request path."),
            ["errorCode"] = Text("A stable machine-readable code, e.g. validation_failed or deal.stale."),
            ["traceId"] = Text("The W3C trace id of the request."),
            ["requestId"] = Text("The request's X-Request-ID."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation messages per field (or JSON path), on validation failures.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
        // Some problems add members of their own (e.g. rows on a refused import).
        AdditionalProperties = new OpenApiSchema(),
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
