using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Testing;

/// <summary>Access tokens shaped like the identity service's (RS256, <c>typ</c> at+jwt).</summary>
public static class TestTokens
{
    public const string Scope = "platform-api";
    public const string FirstPartyClient = "platform-web";

    /// <summary>The stamp fingerprint user tokens carry unless a test names another (identity's are 16 hex digits).</summary>
    public const string DefaultStamp = "0123456789abcdef";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <param name="lifetime">Negative for a token that has already expired.</param>
    /// <param name="clientId">
    /// The client the token was issued to. A token whose subject is its client is a service token
    /// (client credentials): no stamp. Any other is a user token, with <see cref="DefaultStamp"/>
    /// unless <paramref name="extraClaims"/> sets <c>sst</c> (an empty string leaves it out).
    /// </param>
    public static string Create(
        TestSigningKey key,
        string issuer,
        string audience,
        string subject,
        IEnumerable<string>? roles = null,
        TimeSpan? lifetime = null,
        DateTime? notBefore = null,
        string type = "at+jwt",
        string? email = null,
        IReadOnlyDictionary<string, object>? extraClaims = null,
        string clientId = FirstPartyClient)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(15));
        // An expired token must still have nbf before exp, or the handler refuses to create it.
        var validFrom = notBefore ?? (expires > now ? now : expires - TimeSpan.FromMinutes(1));
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            ["role"] = (roles ?? []).ToArray(),
            ["scope"] = Scope,
            ["client_id"] = clientId,
        };
        if (subject != clientId)
        {
            claims["sst"] = DefaultStamp;
        }

        if (email is not null)
        {
            claims[JwtRegisteredClaimNames.Email] = email;
        }

        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            if (value is "")
            {
                claims.Remove(name);
            }
            else
            {
                claims[name] = value;
            }
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            TokenType = type,
            IssuedAt = validFrom,
            NotBefore = validFrom,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.RsaSha256),
        });
    }
}
