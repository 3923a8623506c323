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
}
