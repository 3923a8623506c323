namespace Identity.Domain;

/// <summary>
/// An RS256 key pair for access tokens. The private key is stored encrypted (PKCS#8, passphrase from
/// configuration). A retired key stops signing but stays published until every token it signed has
/// expired, so validators never meet a kid they cannot resolve.
/// </summary>
public sealed class SigningKey
{
    private SigningKey()
    {
    }

    public string KeyId { get; private set; } = "";
    public string Algorithm { get; private set; } = "RS256";
    public byte[] EncryptedPrivateKey { get; private set; } = [];
    public byte[] PublicKey { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }
    public DateTimeOffset? PublishUntil { get; private set; }

    public bool IsActive => RetiredAt is null;

    public static SigningKey Create(string keyId, byte[] encryptedPrivateKey, byte[] publicKey, DateTimeOffset now) => new()
    {
        KeyId = keyId,
        EncryptedPrivateKey = encryptedPrivateKey,
        PublicKey = publicKey,
        CreatedAt = now,
    };

    public void Retire(DateTimeOffset now, TimeSpan keepPublishedFor)
    {
        RetiredAt ??= now;
        PublishUntil ??= now + keepPublishedFor;
    }

    public bool IsPublished(DateTimeOffset now) => RetiredAt is null || PublishUntil > now;
}
