using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;

namespace Gateway.Tests;

/// <summary>A token's signature is checked once, its claims are never shared, and neither failures nor expired tokens are remembered.</summary>
public sealed class ValidatedTokenCacheTests
{
    private const string Issuer = "https://identity.cache.test";
    private const string Audience = "platform-api";

    [Test]
    public async Task Validate_TheSameTokenTwice_ChecksTheSignatureOnce_AndGivesEachRequestItsOwnClaims()
    {
        using var key = TestSigningKey.Create();
        var (parameters, signatureChecks) = Parameters(key);
        var cache = new ValidatedTokenCache(TimeProvider.System);
        var token = TestTokens.Create(key, Issuer, Audience, "cached-user", ["analyst"]);

        var first = await cache.ValidateTokenAsync(token, parameters);
        var second = await cache.ValidateTokenAsync(token, parameters);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.IsValid && second.IsValid, Is.True);
            Assert.That(signatureChecks(), Is.EqualTo(1));
            Assert.That(second.ClaimsIdentity, Is.Not.SameAs(first.ClaimsIdentity), "a claim one request adds must not reach another");
            Assert.That(second.ClaimsIdentity.FindFirst("sub")?.Value, Is.EqualTo("cached-user"));
        }
    }

    [Test]
    public async Task Validate_ATokenThatFailed_IsCheckedAgainEveryTime()
    {
        using var key = TestSigningKey.Create();
        using var otherKey = TestSigningKey.Create();
        var (parameters, _) = Parameters(key, checkSignatures: false);
        var cache = new ValidatedTokenCache(TimeProvider.System);
        var forged = TestTokens.Create(otherKey, Issuer, Audience, "forger");

        var first = await cache.ValidateTokenAsync(forged, parameters);
        var second = await cache.ValidateTokenAsync(forged, parameters);

        Assert.That(first.IsValid || second.IsValid, Is.False);
    }

    [Test]
    public async Task Validate_ARememberedTokenAfterItExpired_IsRefused()
    {
        using var key = TestSigningKey.Create();
        var (parameters, _) = Parameters(key);
        var cache = new ValidatedTokenCache(TimeProvider.System);
        var token = TestTokens.Create(key, Issuer, Audience, "brief-user", lifetime: TimeSpan.FromSeconds(2));

        Assert.That((await cache.ValidateTokenAsync(token, parameters)).IsValid, Is.True);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.That((await cache.ValidateTokenAsync(token, parameters)).IsValid, Is.False);
    }

    private static (TokenValidationParameters Parameters, Func<int> SignatureChecks) Parameters(TestSigningKey key, bool checkSignatures = true)
    {
        var checks = 0;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            ValidTypes = ["at+jwt"],
            IssuerSigningKey = key.SecurityKey,
            ClockSkew = TimeSpan.Zero,
        };
        if (checkSignatures)
        {
            // Counts the signature checks and still does the real one.
            var handler = new JsonWebTokenHandler();
            parameters.SignatureValidator = (token, validation) =>
            {
                Interlocked.Increment(ref checks);
                var plain = validation.Clone();
                plain.SignatureValidator = null;
                plain.ValidateLifetime = false;
                plain.ValidateAudience = false;
                plain.ValidateIssuer = false;
                var result = handler.ValidateTokenAsync(token, plain).GetAwaiter().GetResult();
                return result.IsValid ? (JsonWebToken)result.SecurityToken : throw new SecurityTokenInvalidSignatureException("bad signature");
            };
        }

        return (parameters, () => Volatile.Read(ref checks));
    }
}
