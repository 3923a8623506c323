namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Endpoint metadata of a deprecated route: what <see cref="DeprecationExtensions.Deprecated{TBuilder}"/>
/// announces in headers, readable by an OpenAPI transformer or a report of routes due to go.
/// </summary>
public sealed record DeprecationMetadata(DateTimeOffset DeprecatedOn, DateTimeOffset Sunset, string? Link);
