namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Section <c>Auth:Client</c>: this service's own OAuth client, used for the client_credentials
/// grant when it calls another service. The secret comes from the environment, never from the repo.
/// </summary>
public sealed class ServiceClientOptions
{
    public const string SectionName = "Auth:Client";

    public string Id { get; set; } = "";

    public string Secret { get; set; } = "";

    /// <summary>Identity's token endpoint; defaults to <c>connect/token</c> under <c>Services:identity:BaseUrl</c>.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>
    /// A cached token is replaced this long before it expires (at most half its lifetime), so a
    /// request never leaves with a token that runs out on the way or under clock skew.
    /// </summary>
    public int RefreshBeforeExpirySeconds { get; set; } = 60;
}
