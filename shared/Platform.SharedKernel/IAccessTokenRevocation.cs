namespace Platform.SharedKernel;

/// <summary>
/// Ends access tokens before they expire. Each user token carries a fingerprint of the user's
/// security stamp (claim <c>sst</c>); when the identity service changes the stamp (deactivation,
/// role change, log-out of every session) it publishes the new fingerprint, and every validator
/// refuses tokens that carry an older one. Entries live only as long as an access token can, so the
/// list stays small enough for every validator to hold all of it in memory.
/// </summary>
public interface IAccessTokenRevocation
{
    public const string StampClaim = "sst";

    ValueTask<bool> IsRevokedAsync(string subject, string stampFingerprint, CancellationToken cancellationToken);

    /// <summary>
    /// Watches one session: the returned watch's token is cancelled as soon as the subject's
    /// sessions with this stamp are revoked, on whichever replica learns it (at once if they already
    /// are). For long-lived responses (event streams) that a revocation must end.
    /// </summary>
    RevocationWatch Watch(string subject, string stampFingerprint);
}

/// <summary>One watched session; dispose it when the response it guards ends.</summary>
public sealed class RevocationWatch(CancellationToken revoked, Action? release = null) : IDisposable
{
    public CancellationToken Revoked { get; } = revoked;

    public void Dispose() => release?.Invoke();
}
