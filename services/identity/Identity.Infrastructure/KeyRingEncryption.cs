using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Identity.Application;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identity.Infrastructure;

/// <summary>
/// Encrypts identity's data-protection key ring at rest (AES-256-GCM, key derived with HKDF from the
/// signing-key passphrase). The ring signs the sign-in cookie: stored in the clear, anyone who could
/// read identity's schema could forge a browser session for any user and obtain codes for them.
/// </summary>
internal static class KeyRingEncryption
{
    public static void Use(IServiceCollection services) =>
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<IdentityServiceOptions>>((keys, identity) =>
            keys.XmlEncryptor = new Encryptor(Key(identity.Value.SigningKeyPassphrase)));

    private static byte[] Key(string passphrase) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(passphrase), 32, info: "platform-identity data-protection key ring"u8.ToArray());

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private sealed class Encryptor(byte[] key) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
            var nonce = sealedBytes.AsSpan(0, NonceBytes);
            RandomNumberGenerator.Fill(nonce);
            using (var aes = new AesGcm(key, TagBytes))
            {
                aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
            }

            var element = new XElement("encryptedKey",
                new XComment(" AES-256-GCM under a key derived from Identity:SigningKeyPassphrase "),
                new XElement("value", Convert.ToBase64String(sealedBytes)));
            return new EncryptedXmlInfo(element, typeof(Decryptor));
        }
    }

    /// <summary>Created by the data-protection system from the stored XML, with the application's services.</summary>
    public sealed class Decryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            var key = Key(services.GetRequiredService<IOptions<IdentityServiceOptions>>().Value.SigningKeyPassphrase);
            var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value")
                ?? throw new CryptographicException("The encrypted key-ring element has no value."));
            var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using (var aes = new AesGcm(key, TagBytes))
            {
                aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext);
            }

            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
    }
}
