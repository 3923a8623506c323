using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Platform.Testing;

/// <summary>
/// A service in process on the real PostgreSQL, RabbitMQ and Redis, under its own login role.
/// Tokens are signed by a test key whose JWKS a loopback server publishes, exactly as identity's
/// would be; <see cref="ClientFor(Guid, TimeSpan?, string[])"/> hands out clients for any user and roles.
/// </summary>
public abstract class ServiceApiFactory<TEntryPoint>(string service, TestSigningKey key, Uri jwksUri) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public const string Audience = "platform-api";

    public string Issuer { get; } = $"http://identity.{service}.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", TestEnvironment.PostgresConnectionString(service));
        builder.UseSetting("ConnectionStrings:RabbitMq", TestEnvironment.RabbitMqConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", TestEnvironment.RedisConnectionString);
        builder.UseSetting("Auth:Issuer", Issuer);
        builder.UseSetting("Auth:Audience", Audience);
        builder.UseSetting("Auth:JwksUri", jwksUri.ToString());
    }

    /// <summary>A client for a new user (fresh id) with the given platform roles.</summary>
    public HttpClient ClientFor(out Guid userId, params string[] roles)
    {
        userId = Guid.NewGuid();
        return ClientFor(userId, roles);
    }

    public HttpClient ClientFor(Guid userId, params string[] roles) => ClientFor(userId, null, roles);

    /// <param name="lifetime">The access token's lifetime; the test tokens' default when null.</param>
    public HttpClient ClientFor(Guid userId, TimeSpan? lifetime, params string[] roles) => CreateClient(userId, lifetime, null, roles);

    /// <param name="securityStamp">The stamp fingerprint the token carries (claim <c>sst</c>), which revocations compare against.</param>
    public HttpClient ClientWithStamp(Guid userId, string securityStamp, params string[] roles) => CreateClient(userId, null, securityStamp, roles);

    /// <summary>A client calling as another service: a client-credentials token (subject = client id, the scopes, no role, no stamp).</summary>
    public HttpClient ServiceClientFor(string clientId, params string[] scopes)
    {
        var client = CreateClient();
        var claims = new Dictionary<string, object> { ["scope"] = string.Join(' ', scopes), ["sst"] = "" };
        var token = TestTokens.Create(key, Issuer, Audience, clientId, [], extraClaims: claims, clientId: clientId);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private HttpClient CreateClient(Guid userId, TimeSpan? lifetime, string? securityStamp, string[] roles)
    {
        var client = CreateClient();
        var stamp = securityStamp is null ? null : new Dictionary<string, object> { ["sst"] = securityStamp };
        var token = TestTokens.Create(key, Issuer, Audience, userId.ToString(), roles, lifetime, extraClaims: stamp);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
