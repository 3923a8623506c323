using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// This service's own client_credentials access tokens, one per scope, each reused until shortly
/// before it expires. When a token is missing or due, one caller fetches it while the others wait
/// for that fetch, so a burst of calls costs identity a single token request.
/// </summary>
internal sealed class ServiceTokenCache(IHttpClientFactory httpClients, IOptions<ServiceClientOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public async ValueTask<string> GetAsync(string scope, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(scope, _ => new Slot());
        if (slot.Current is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
        {
            return fresh.AccessToken;
        }

        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed it while this one waited at the gate.
            if (slot.Current is { } refreshed && time.GetUtcNow() < refreshed.RefreshAt)
            {
                return refreshed.AccessToken;
            }

            slot.Current = await RequestAsync(scope, cancellationToken);
            return slot.Current.AccessToken;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Drops <paramref name="accessToken"/> if it is still the cached one (the callee refused it: revoked, or signed with a retired key).</summary>
    public void Invalidate(string scope, string accessToken)
    {
        if (_slots.TryGetValue(scope, out var slot) && slot.Current?.AccessToken == accessToken)
        {
            slot.Current = null;
        }
    }

    private async Task<CachedToken> RequestAsync(string scope, CancellationToken cancellationToken)
    {
        var client = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, client.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", scope)]),
        };
        // RFC 6749 §2.3.1: client_secret_basic, id and secret form-urlencoded before Base64.
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            Encoding.UTF8.GetBytes(Uri.EscapeDataString(client.Id) + ":" + Uri.EscapeDataString(client.Secret))));

        var requestedAt = time.GetUtcNow();
        using var http = httpClients.CreateClient(ServiceClientSetup.TokenClientName);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The body is an RFC 6749 error (error, error_description): safe to pass on, and it says what to fix.
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ServiceTokenException(
                $"The token endpoint refused client '{client.Id}' for scope '{scope}': {(int)response.StatusCode} {Truncate(error)}");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new ServiceTokenException("The token endpoint answered with an empty body.");
        if (string.IsNullOrEmpty(body.AccessToken) || body.ExpiresIn <= 0)
        {
            throw new ServiceTokenException("The token endpoint's answer has no access_token or expires_in.");
        }

        EnsureLeastPrivilege(body, scope, client.Id);
        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
        var margin = TimeSpan.FromSeconds(Math.Min(client.RefreshBeforeExpirySeconds, body.ExpiresIn / 2.0));
        // Counted from before the request: the token's clock started while the request was in flight.
        return new CachedToken(body.AccessToken, requestedAt + lifetime - margin);
    }

    // A service acts with the narrowest token that does the job. A token broader than asked for, or
    // one carrying the admin role, means the client is misconfigured in identity: refuse to use it
    // rather than quietly calling other services with more power than intended.
    private static void EnsureLeastPrivilege(TokenResponse body, string scope, string clientId)
    {
        var requested = Scopes(scope);
        if (body.Scope is { } granted && !Scopes(granted).SetEquals(requested))
        {
            throw new ServiceTokenException($"Client '{clientId}' was granted scope '{granted}' instead of the requested '{scope}'.");
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(body.AccessToken);
        }
        catch (ArgumentException exception)
        {
            throw new ServiceTokenException("The token endpoint returned an access token that is not a JWT.", exception);
        }

        if (token.Claims.Any(claim => claim.Type == "role" && claim.Value == PlatformRoles.Admin))
        {
            throw new ServiceTokenException(
                $"Client '{clientId}' gets tokens with the {PlatformRoles.Admin} role; a service must not call others as an administrator. " +
                "Remove the role from the client in identity's configuration.");
        }
    }

    private static HashSet<string> Scopes(string value) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile CachedToken? Current;
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RefreshAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string? Scope);
}
