namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Endpoint metadata of a deprecated route: what <see cref="DeprecationExtensions.Deprecated{TBuilder}"/>
/// announces, for anything that lists routes due to go.
/// </summary>
public sealed record DeprecationMetadata(DateTimeOffset DeprecatedOn, DateTimeOffset Sunset, string? Link);
