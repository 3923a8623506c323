namespace Identity.Domain;

/// <summary>
/// Every access token of a user ended at once: tokens whose stamp fingerprint is not
/// <see cref="StampFingerprint"/> are refused until <see cref="ExpiresAt"/> (when the last of them
/// would have expired anyway). Written in the transaction that changes the stamp, then written to the
/// shared revocation list in Redis (<see cref="PublishedAt"/>) by a relay that retries until Redis
/// takes it, so a revocation made during a Redis outage is applied when Redis is back, not lost.
/// </summary>
public sealed class SessionRevocation
{
    private SessionRevocation()
    {
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string StampFingerprint { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTimeOffset RevokedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    public static SessionRevocation Create(Guid userId, string stampFingerprint, string reason, DateTimeOffset now, TimeSpan tokenLifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        StampFingerprint = stampFingerprint,
        Reason = reason,
        RevokedAt = now,
        // Validators allow some clock skew past a token's expiry; cover it.
        ExpiresAt = now + tokenLifetime + TimeSpan.FromSeconds(30),
    };
}

/// <summary>Why a user's sessions were ended (the <c>reason</c> of <c>UserSessionsRevoked</c>).</summary>
public static class SessionRevocationReasons
{
    public const string LoggedOutEverywhere = "logout_all";
    public const string Deactivated = "user_deactivated";
    public const string RolesChanged = "roles_changed";
}
