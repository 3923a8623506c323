using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Identity.Tests.Tokens;

[NonParallelizable]
public sealed class SigningKeyTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static async Task<string[]> PublishedKeyIdsAsync()
    {
        using var client = Factory.CreateClient();
        var jwks = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks.json")).RootElement;
        return jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }

    [Test]
    public async Task Jwks_PublishesThePublicHalfOfTheSigningKey()
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync("/.well-known/jwks.json");
        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys");
        var token = new JsonWebToken((await Factory.LoginAsync((await Factory.CreateUserAsync(IdentityApiFactory.NewEmail())).Email!)).GetProperty("accessToken").GetString());

        var published = keys.EnumerateArray().Single(k => k.GetProperty("kid").GetString() == token.Kid);
        Assert.Multiple(() =>
        {
            Assert.That(published.GetProperty("kty").GetString(), Is.EqualTo("RSA"));
            Assert.That(published.GetProperty("alg").GetString(), Is.EqualTo("RS256"));
            Assert.That(published.GetProperty("use").GetString(), Is.EqualTo("sig"));
            Assert.That(published.TryGetProperty("d", out _), Is.False, "no private key material");
            Assert.That(published.TryGetProperty("p", out _), Is.False, "no private key material");
        });
    }

    [Test]
    public async Task Discovery_NamesTheIssuerAndEndpoints()
    {
        using var client = Factory.CreateClient();

        var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration")).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo(IdentityApiFactory.Issuer));
            Assert.That(discovery.GetProperty("jwks_uri").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/.well-known/jwks.json"));
            Assert.That(discovery.GetProperty("token_endpoint").GetString(), Is.EqualTo(IdentityApiFactory.Issuer + "/connect/token"));
        });
    }

    [Test]
    public async Task Rotate_AsAnalyst_Returns403()
    {
        var (analyst, _, _) = await Factory.SignedInClientAsync("analyst");

        var response = await analyst.PostAsync("/api/v1/signing-keys/rotate", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Rotate_SignsWithANewKey_AndKeepsThePreviousOnePublishedAndValid()
    {
        var (admin, _, adminTokens) = await Factory.SignedInClientAsync("admin");
        var oldKid = new JsonWebToken(adminTokens.GetProperty("accessToken").GetString()).Kid;

        var response = await admin.PostAsync("/api/v1/signing-keys/rotate", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var newKid = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("activeKeyId").GetString();
        Assert.That(newKid, Is.Not.EqualTo(oldKid));
        Assert.That(await PublishedKeyIdsAsync(), Is.SupersetOf(new[] { oldKid, newKid }));

        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var fresh = new JsonWebToken((await Factory.LoginAsync(user.Email!)).GetProperty("accessToken").GetString());
        Assert.That(fresh.Kid, Is.EqualTo(newKid));

        // A token signed with the retired key keeps working until it expires.
        Assert.That((await admin.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Keys_ArePersisted_SoAnotherInstanceSignsWithTheSameKey()
    {
        var activeKid = Factory.Services.GetRequiredService<SigningKeyStore>().Current.Active.Key.KeyId;

        await using var second = new IdentityApiFactory();
        using var client = second.CreateClient();
        var user = await second.CreateUserAsync(IdentityApiFactory.NewEmail());
        var token = new JsonWebToken((await second.LoginAsync(user.Email!)).GetProperty("accessToken").GetString());

        Assert.That(token.Kid, Is.EqualTo(activeKid));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.EncodedToken);
        using var original = Factory.CreateClient();
        original.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.EncodedToken);
        Assert.That((await original.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RotationOnOneReplica_IsUsedByAnother_AfterItsPeriodicReload_WithoutARestart()
    {
        await using var other = new IdentityApiFactory();
        using (other.CreateClient())
        {
        }

        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var rotated = await admin.PostAsync("/api/v1/signing-keys/rotate", null);
        var newKid = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("activeKeyId").GetString();

        // What SigningKeyMaintenance does every minute on each replica.
        await other.Services.GetRequiredService<SigningKeyStore>().ReloadAsync();

        var user = await other.CreateUserAsync(IdentityApiFactory.NewEmail());
        var token = new JsonWebToken((await other.LoginAsync(user.Email!)).GetProperty("accessToken").GetString());
        using var client = other.CreateClient();
        var jwks = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks.json")).RootElement;
        Assert.That(token.Kid, Is.EqualTo(newKid), "the other replica signs with the new key");
        Assert.That(jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()), Does.Contain(newKid));
    }

    [Test]
    public async Task PrivateKeys_AreEncryptedAtRest()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var stored = await db.SigningKeys.AsNoTracking().FirstAsync();

        using var rsa = RSA.Create();
        Assert.Throws<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(stored.EncryptedPrivateKey, out _));
    }
}
