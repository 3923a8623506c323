using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Testing;

/// <summary>An RS256 signing key for tests, publishable as a JWKS like the identity service's.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private TestSigningKey(RSA rsa, string keyId)
    {
        _rsa = rsa;
        KeyId = keyId;
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    public RsaSecurityKey SecurityKey { get; }

    public string KeyId { get; }

    public static TestSigningKey Create(string? keyId = null) =>
        new(RSA.Create(2048), keyId ?? Guid.NewGuid().ToString("N"));

    /// <summary>The public half only, as <c>{"keys":[{kty,use,kid,alg,n,e}]}</c>.</summary>
    public string JwksJson()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { key } });
    }

    public void Dispose() => _rsa.Dispose();
}
