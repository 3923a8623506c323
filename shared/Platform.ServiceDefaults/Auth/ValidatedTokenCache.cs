using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// The standard JSON web token handler, remembering tokens it has already found valid. A client
/// sends the same access token with every request for its whole lifetime, and checking its RSA
/// signature and parsing its claims again each time was the gateway's largest fixed cost
/// (docs/benchmarks.md). A valid result is kept, under the SHA-256 of the exact token text, for at
/// most <see cref="MaxAge"/> and never past the token's own expiry; each hit gets its own copy of
/// the claims, so nothing one request adds is seen by another. Failures are never kept. The
/// validation rules are the same for every request of a process (issuer, audience, algorithms and
/// keys from configuration), so the token alone is the key. Revocation
/// is checked after validation (<see cref="AuthenticationSetup"/>), on every request, cached or not.
/// A signing key withdrawn from the JWKS stops validating within <see cref="MaxAge"/>.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider clock) : JsonWebTokenHandler
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);
    private const int Capacity = 100_000;

    private readonly ConcurrentDictionary<UInt128, Entry> _valid = new();

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var key = Key(token);
        var now = clock.GetUtcNow();
        if (_valid.TryGetValue(key, out var entry))
        {
            if (entry.Until > now)
            {
                return Copy(entry.Result);
            }

            _valid.TryRemove(new KeyValuePair<UInt128, Entry>(key, entry));
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            // Not past expiry less the allowed skew's other side: a cached token expires no later than a fresh check would refuse it.
            var until = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc)) + validationParameters.ClockSkew;
            if (until > now + MaxAge)
            {
                until = now + MaxAge;
            }

            if (_valid.Count >= Capacity)
            {
                // A flood of distinct valid tokens is unlikely; dropping the lot keeps memory bounded simply.
                _valid.Clear();
            }

            _valid[key] = new Entry(result, until);
            return Copy(result);
        }

        return result;
    }

    private static UInt128 Key(string token)
    {
        Span<byte> hash = stackalloc byte[32];
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        var bytes = length <= 4096 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(token, bytes);
        SHA256.HashData(bytes[..written], hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    private static TokenValidationResult Copy(TokenValidationResult cached) => new()
    {
        IsValid = true,
        ClaimsIdentity = cached.ClaimsIdentity.Clone(),
        SecurityToken = cached.SecurityToken,
        Issuer = cached.Issuer,
        TokenType = cached.TokenType,
        TokenContext = cached.TokenContext,
    };

    private sealed record Entry(TokenValidationResult Result, DateTimeOffset Until);
}
