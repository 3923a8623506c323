namespace Identity.Domain;

/// <summary>
/// One link in a refresh-token family. Only a hash of the token is stored. Each use consumes the
/// token and issues the next one in the same family; presenting a consumed token again means it
/// leaked, so the whole family is revoked.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken()
    {
    }

    public Guid Id { get; private set; }
    public Guid FamilyId { get; private set; }
    public Guid UserId { get; private set; }
    public string ClientId { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>No refresh can extend a family beyond this instant: users sign in again eventually.</summary>
    public DateTimeOffset FamilyExpiresAt { get; private set; }
    public DateTimeOffset? ConsumedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedReason { get; private set; }

    public static RefreshToken StartFamily(Guid userId, string clientId, string tokenHash, DateTimeOffset now, TimeSpan lifetime, TimeSpan familyLifetime)
    {
        var familyExpiresAt = now + familyLifetime;
        return new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            FamilyId = Guid.CreateVersion7(),
            UserId = userId,
            ClientId = clientId,
            TokenHash = tokenHash,
            CreatedAt = now,
            ExpiresAt = Min(now + lifetime, familyExpiresAt),
            FamilyExpiresAt = familyExpiresAt,
        };
    }

    public RefreshToken Successor(string tokenHash, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(),
        FamilyId = FamilyId,
        UserId = UserId,
        ClientId = ClientId,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = Min(now + lifetime, FamilyExpiresAt),
        FamilyExpiresAt = FamilyExpiresAt,
    };

    public bool IsUsable(DateTimeOffset now) => ConsumedAt is null && RevokedAt is null && ExpiresAt > now;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
