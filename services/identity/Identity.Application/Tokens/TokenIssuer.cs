using System.Security.Cryptography;
using System.Text;
using Identity.Application.Persistence;
using Identity.Domain;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.SharedKernel;

namespace Identity.Application.Tokens;

/// <summary>Issues access tokens (RS256 JWT, typ at+jwt) and opaque refresh tokens (only their hash is stored).</summary>
public sealed class TokenIssuer(
    SigningKeyStore keys, IOptions<IdentityServiceOptions> options, IOptions<TokenAudienceOptions> audience, TimeProvider clock)
{
    public const string AccessTokenType = "at+jwt";
    public const string DefaultScope = "platform-api";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);

    public string CreateAccessToken(
        string subject, IReadOnlyCollection<string> roles, string scope, string clientId, string? email, string? securityStamp = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            ["scope"] = scope,
            ["client_id"] = clientId,
            ["role"] = roles.ToArray(),
        };
        if (email is not null)
        {
            claims[JwtRegisteredClaimNames.Email] = email;
        }

        if (securityStamp is not null)
        {
            claims[IAccessTokenRevocation.StampClaim] = StampFingerprint(securityStamp);
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = audience.Value.Issuer,
            Audience = audience.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + AccessTokenLifetime,
            TokenType = AccessTokenType,
            Claims = claims,
            SigningCredentials = keys.Current.Active,
        });
    }

    /// <summary>Starts a refresh-token family for a fresh sign-in and returns the full token set.</summary>
    public TokenSet SignIn(IdentityDb db, User user, IReadOnlyCollection<string> roles, string clientId)
    {
        var (refreshToken, hash) = NewRefreshToken();
        var row = RefreshToken.StartFamily(user.Id, clientId, hash, clock.GetUtcNow(), RefreshLifetime, RefreshFamilyLifetime);
        db.RefreshTokens.Add(row);
        return ForUser(user, roles, clientId, refreshToken, row.ExpiresAt);
    }

    /// <summary>Issues the successor of a consumed refresh token, in the same family.</summary>
    public TokenSet Rotate(IdentityDb db, RefreshToken consumed, User user, IReadOnlyCollection<string> roles)
    {
        var (refreshToken, hash) = NewRefreshToken();
        var row = consumed.Successor(hash, clock.GetUtcNow(), RefreshLifetime);
        db.RefreshTokens.Add(row);
        return ForUser(user, roles, consumed.ClientId, refreshToken, row.ExpiresAt);
    }

    /// <summary>A short digest of the security stamp: enough to compare, useless to reconstruct it.</summary>
    public static string StampFingerprint(string securityStamp) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp)))[..16];

    public static string Hash(string refreshToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    private TokenSet ForUser(User user, IReadOnlyCollection<string> roles, string clientId, string refreshToken, DateTimeOffset refreshExpiresAt) =>
        new(CreateAccessToken(user.Id.ToString(), roles, DefaultScope, clientId, user.Email, user.SecurityStamp),
            (int)AccessTokenLifetime.TotalSeconds, DefaultScope, refreshToken, refreshExpiresAt);

    private TimeSpan RefreshLifetime => TimeSpan.FromDays(options.Value.RefreshTokenDays);

    private TimeSpan RefreshFamilyLifetime => TimeSpan.FromDays(options.Value.RefreshFamilyDays);

    // 256 bits from the OS CSPRNG; the database only ever sees the SHA-256.
    private static (string Token, string Hash) NewRefreshToken()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }
}

/// <summary>Issuer and audience of the tokens this service issues; bound from the shared <c>Auth</c> section.</summary>
public sealed class TokenAudienceOptions
{
    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "platform-api";
}
