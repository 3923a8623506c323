using Identity.Application.Persistence;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Tests.OpenIdConnect;

/// <summary>The key ring that signs the sign-in cookie is stored encrypted, and still reads back.</summary>
public sealed class KeyRingTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    [Test]
    public async Task NewKeys_AreStoredEncrypted_AndReadBack()
    {
        var keys = Factory.Services.GetRequiredService<IKeyManager>();
        var created = keys.CreateNewKey(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(2));

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var stored = await db.DataProtectionKeys.AsNoTracking().SingleAsync(k => k.FriendlyName == "key-" + created.KeyId.ToString("D"));

        Assert.That(stored.Xml, Does.Contain("<encryptedKey"));
        Assert.That(stored.Xml, Does.Not.Contain("<masterKey"));
        var reloaded = keys.GetAllKeys().Single(k => k.KeyId == created.KeyId);
        Assert.That(() => reloaded.CreateEncryptor(), Throws.Nothing, "the stored key decrypts with the passphrase-derived key");
    }
}
