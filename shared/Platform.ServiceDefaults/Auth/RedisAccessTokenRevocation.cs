using Microsoft.Extensions.Logging;
using Platform.SharedKernel;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// The revocation list in Redis: one key per user whose tokens were revoked in the last token
/// lifetime, holding the stamp fingerprint current tokens must carry. A Redis outage fails open (the
/// token is accepted and a warning logged): refresh tokens are revoked in the database regardless,
/// so the exposure is bounded by the access-token lifetime.
/// </summary>
internal sealed class RedisAccessTokenRevocation(IConnectionMultiplexer redis, ILogger<RedisAccessTokenRevocation> logger) : IAccessTokenRevocation
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromMilliseconds(500);

    public async Task RevokeOlderThanAsync(string subject, string currentStampFingerprint, TimeSpan tokenLifetime, CancellationToken cancellationToken)
    {
        // Thirty extra seconds cover the validators' clock skew.
        await redis.GetDatabase().StringSetAsync(Key(subject), currentStampFingerprint, tokenLifetime + TimeSpan.FromSeconds(30));
    }

    public async Task<bool> IsRevokedAsync(string subject, string stampFingerprint, CancellationToken cancellationToken)
    {
        try
        {
            var current = await redis.GetDatabase().StringGetAsync(Key(subject)).WaitAsync(LookupTimeout, cancellationToken);
            return current.HasValue && current != stampFingerprint;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning(exception, "Token revocation list unavailable; accepting the token on its signature and lifetime alone.");
            return false;
        }
    }

    private static string Key(string subject) => $"platform:auth:stamp:{subject}";
}
