using System.Security.Cryptography;
using System.Text.Json;
using Identity.Application.Persistence;
using Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Application.Tokens;

/// <summary>
/// Holds the signing keys in memory for the hot paths (issuing, validating, publishing the JWKS) and
/// owns creating and rotating them in the database. Replicas coordinate with an advisory lock and
/// pick up each other's rotations on <see cref="ReloadAsync"/>.
/// </summary>
public sealed class SigningKeyStore(
    IServiceScopeFactory scopes, IOptions<IdentityServiceOptions> options, TimeProvider clock, ILogger<SigningKeyStore> logger)
{
    private const long RotationLockKey = 0x1D3471_5161_4E01;
    private volatile KeySnapshot? _snapshot;
    private CancellationTokenSource _changed = new();

    public sealed record KeySnapshot(SigningCredentials Active, DateTimeOffset ActiveSince, IReadOnlyList<RsaSecurityKey> Published)
    {
        /// <summary>The JWKS document of the published keys, serialised once per key change rather than per request.</summary>
        public string JwksJson { get; } = JsonSerializer.Serialize(new
        {
            keys = Published.Select(key => (Key: key, Public: key.Rsa.ExportParameters(false))).Select(key => new
            {
                kty = "RSA",
                use = "sig",
                alg = SecurityAlgorithms.RsaSha256,
                kid = key.Key.KeyId,
                n = Base64UrlEncoder.Encode(key.Public.Modulus),
                e = Base64UrlEncoder.Encode(key.Public.Exponent),
            }),
        });
    }

    public KeySnapshot Current => _snapshot ?? throw new InvalidOperationException("Signing keys are not loaded yet.");

    public bool IsLoaded => _snapshot is not null;

    /// <summary>Fires once when the keys change (a rotation here or on another replica), for OpenIddict's options to rebuild.</summary>
    public IChangeToken Watch() => new CancellationChangeToken(_changed.Token);

    /// <summary>Validation keys: every published key, narrowed to the token's kid when it names one.</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? keyId) =>
        _snapshot is null ? [] : _snapshot.Published.Where(key => keyId is null || key.KeyId == keyId);

    /// <summary>Makes sure an active key exists (creating the first one) and loads the keys.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await WithRotationLockAsync(async db =>
        {
            if (!await db.SigningKeys.AnyAsync(k => k.RetiredAt == null, cancellationToken))
            {
                db.SigningKeys.Add(NewKey());
                logger.LogInformation("Created the first signing key.");
            }
        }, cancellationToken);
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Retires the active key (still published until its tokens expire) and starts a new one.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        var created = NewKey();
        await WithRotationLockAsync(async db =>
        {
            var now = clock.GetUtcNow();
            foreach (var key in await db.SigningKeys.Where(k => k.RetiredAt == null).ToListAsync(cancellationToken))
            {
                key.Retire(now, PublishRetiredKeyFor);
            }

            db.SigningKeys.Add(created);
        }, cancellationToken);
        await ReloadAsync(cancellationToken);
        logger.LogInformation("Rotated signing keys; active key is now {KeyId}.", created.KeyId);
        return created.KeyId;
    }

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = clock.GetUtcNow();
        var keys = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        var active = keys.FirstOrDefault(k => k.IsActive)
            ?? throw new InvalidOperationException("There is no active signing key.");

        var published = keys.Where(k => k.IsPublished(now)).ToList();
        if (_snapshot is { } current && current.Active.Key.KeyId == active.KeyId)
        {
            // The minutely reload usually finds nothing new: keep the snapshot (and its serialised JWKS).
            if (!current.Published.Select(k => k.KeyId).SequenceEqual(published.Select(k => k.KeyId)))
            {
                Publish(new KeySnapshot(current.Active, current.ActiveSince, published.Select(PublicKey).ToList()));
            }

            return;
        }

        var rsa = RSA.Create();
        rsa.ImportEncryptedPkcs8PrivateKey(options.Value.SigningKeyPassphrase, active.EncryptedPrivateKey, out _);
        var signing = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = active.KeyId }, SecurityAlgorithms.RsaSha256);
        Publish(new KeySnapshot(signing, active.CreatedAt, published.Select(PublicKey).ToList()));
    }

    private void Publish(KeySnapshot snapshot)
    {
        _snapshot = snapshot;
        var changed = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        changed.Cancel();
        changed.Dispose();
    }

    public bool ActiveKeyIsDue(DateTimeOffset now) =>
        _snapshot is { } snapshot && now - snapshot.ActiveSince >= TimeSpan.FromDays(options.Value.SigningKeyRotationDays);

    // A retired key must outlive every token it signed, plus the validators' refresh margin.
    private TimeSpan PublishRetiredKeyFor => TimeSpan.FromMinutes(options.Value.AccessTokenMinutes) + TimeSpan.FromMinutes(10);

    private SigningKey NewKey()
    {
        using var rsa = RSA.Create(2048);
        var encrypted = rsa.ExportEncryptedPkcs8PrivateKey(
            options.Value.SigningKeyPassphrase,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, iterationCount: 100_000));
        var keyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        return SigningKey.Create(keyId, encrypted, rsa.ExportSubjectPublicKeyInfo(), clock.GetUtcNow());
    }

    private static RsaSecurityKey PublicKey(SigningKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
        return new RsaSecurityKey(rsa) { KeyId = key.KeyId };
    }

    private async Task WithRotationLockAsync(Func<IdentityDb, Task> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [RotationLockKey], cancellationToken);
        await change(db);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
