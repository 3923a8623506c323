namespace Platform.ServiceDefaults.OpenApi;

/// <summary>What a service adds to its document besides its endpoints' own metadata.</summary>
public sealed class PlatformOpenApiOptions
{
    /// <summary>Tag name to description, for every tag the service's endpoints use (<c>.WithTags(...)</c>).</summary>
    public Dictionary<string, string> TagDescriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids and summaries for endpoints mapped by shared code that cannot call <c>.WithName</c>/<c>.WithSummary</c> itself.</summary>
    public List<OperationDoc> Operations { get; } = [];
}

/// <summary>
/// Describes the unnamed endpoint with this tag and method whose route ends in <paramref name="RouteSuffix"/>
/// (as the document writes it, e.g. <c>/failed-messages/{messageId}/replay</c>). <paramref name="SuccessStatus"/>,
/// when set, replaces the 200 the framework assumes for a handler that returns <c>IResult</c>.
/// </summary>
public sealed record OperationDoc(string Tag, string Method, string RouteSuffix, string OperationId, string Summary, int? SuccessStatus = null);
