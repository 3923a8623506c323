using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identity.Application.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Testing;

namespace Identity.Tests.Tokens;

/// <summary>
/// Forged and out-of-policy tokens a careful attacker would try (RFC 8725). Each must be refused with
/// 401 by the shared validation that every service and the gateway use; a well-formed control token passes.
/// </summary>
public sealed class TokenValidationAttackTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;
    private Guid _userId;
    private string _stamp = "";

    [OneTimeSetUp]
    public async Task CreateUser()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail("target"), "analyst");
        (_userId, _stamp) = (user.Id, StampFingerprint.Of(user.SecurityStamp!));
    }

    private static SigningCredentials ServiceKey => Factory.Services.GetRequiredService<SigningKeyStore>().Current.Active;

    private string Mint(
        SigningCredentials? credentials = null, string issuer = IdentityApiFactory.Issuer, string audience = "platform-api",
        string type = "at+jwt", DateTime? notBefore = null, DateTime? expires = null, bool withStamp = true)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = _userId.ToString(), ["jti"] = Guid.NewGuid().ToString("N"), ["role"] = new[] { "analyst" }, ["client_id"] = "platform-web",
        };
        if (withStamp)
        {
            claims["sst"] = _stamp;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            TokenType = type,
            IssuedAt = notBefore ?? now,
            NotBefore = notBefore ?? now,
            Expires = expires ?? now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = credentials ?? ServiceKey,
        });
    }

    private static async Task<HttpResponseMessage> CallMeAsync(string token)
    {
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/auth/me");
    }

    private static async Task AssertRejectedAsync(string token) =>
        await (await CallMeAsync(token)).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    [Test]
    public async Task ControlToken_SignedByTheService_IsAccepted()
    {
        var response = await CallMeAsync(Mint());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task UserToken_WithoutTheStampFingerprint_IsRejected() => await AssertRejectedAsync(Mint(withStamp: false));

    [Test]
    public async Task UnsignedToken_WithAlgNone_IsRejected()
    {
        var signed = new JsonWebToken(Mint());
        var header = Base64Url($"{{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"{signed.Kid}\"}}");

        await AssertRejectedAsync($"{header}.{signed.EncodedPayload}.");
    }

    [Test]
    public async Task Token_SignedWithAForeignKey_IsRejected()
    {
        using var foreign = RSA.Create(2048);
        var credentials = new SigningCredentials(new RsaSecurityKey(foreign) { KeyId = ServiceKey.Key.KeyId }, SecurityAlgorithms.RsaSha256);

        await AssertRejectedAsync(Mint(credentials));
    }

    [Test]
    public async Task Token_SignedWithHs256UsingThePublicKeyAsSecret_IsRejected()
    {
        var publicKey = ((RsaSecurityKey)ServiceKey.Key).Rsa.ExportSubjectPublicKeyInfo();
        var signed = new JsonWebToken(Mint());
        foreach (var secret in new[] { publicKey, Encoding.UTF8.GetBytes(PemEncoding.WriteString("PUBLIC KEY", publicKey)) })
        {
            var header = Base64Url($"{{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"{signed.Kid}\"}}");
            var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes($"{header}.{signed.EncodedPayload}")));

            await AssertRejectedAsync($"{header}.{signed.EncodedPayload}.{signature}");
        }
    }

    [Test]
    public async Task ExpiredToken_BeyondTheClockSkew_IsRejected()
    {
        var past = DateTime.UtcNow.AddMinutes(-20);

        await AssertRejectedAsync(Mint(notBefore: past, expires: DateTime.UtcNow.AddSeconds(-31)));
    }

    [Test]
    public async Task Token_NotYetValid_IsRejected()
    {
        await AssertRejectedAsync(Mint(notBefore: DateTime.UtcNow.AddMinutes(2), expires: DateTime.UtcNow.AddMinutes(10)));
    }

    [Test]
    public async Task Token_WithWrongIssuer_IsRejected() => await AssertRejectedAsync(Mint(issuer: "http://evil.test"));

    [Test]
    public async Task Token_WithWrongAudience_IsRejected() => await AssertRejectedAsync(Mint(audience: "another-api"));

    [TestCase("JWT")]
    [TestCase("id_token+jwt")]
    public async Task Token_WithWrongType_IsRejected(string type) => await AssertRejectedAsync(Mint(type: type));

    [Test]
    public async Task Token_WithTamperedPayload_IsRejected()
    {
        var token = new JsonWebToken(Mint());
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload)).RootElement;
        var claims = payload.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        claims["role"] = new[] { "admin" };
        var tampered = Base64Url(JsonSerializer.Serialize(claims));

        await AssertRejectedAsync($"{token.EncodedHeader}.{tampered}.{token.EncodedSignature}");
    }

    [Test]
    public async Task Token_WithUnknownKeyId_IsRejected()
    {
        using var foreign = RSA.Create(2048);

        await AssertRejectedAsync(Mint(new SigningCredentials(new RsaSecurityKey(foreign) { KeyId = "unknown-kid" }, SecurityAlgorithms.RsaSha256)));
    }

    [Test]
    public async Task Garbage_InTheAuthorizationHeader_IsRejected() => await AssertRejectedAsync("not.a.jwt");
}
