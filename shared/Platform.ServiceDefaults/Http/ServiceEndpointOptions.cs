namespace Platform.ServiceDefaults.Http;

/// <summary>Section <c>Services:&lt;name&gt;</c>, one named instance per service called: where it is reached.</summary>
public sealed class ServiceEndpointOptions
{
    public const string SectionName = "Services";

    /// <summary>The service's internal address (not the gateway's), e.g. <c>http://deals:8080/</c>.</summary>
    public string BaseUrl { get; set; } = "";
}
