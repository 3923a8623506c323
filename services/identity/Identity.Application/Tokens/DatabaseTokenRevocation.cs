using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Platform.ServiceDefaults.Auth;
using Platform.SharedKernel;

namespace Identity.Application.Tokens;

/// <summary>
/// Identity holds the truth about its users, so it does not rely on the shared list alone: a user
/// token is accepted only while the user exists, is active and still has the security stamp the
/// token was issued with. That holds even while a revocation waits for Redis (an outage), so a
/// deactivated user is refused here whatever the gateway and other services know yet.
/// <para>
/// The user's stamp and state are read from the database at most every <see cref="FreshFor"/> per
/// user (reading them on every request cost identity a third of its throughput on <c>/me</c>).
/// A revocation made on this replica forgets the user at once (<see cref="Forget"/>); one made on
/// another replica arrives through the shared list within moments, or, with Redis away, is read
/// from the database within <see cref="FreshFor"/>.
/// </para>
/// </summary>
public sealed class DatabaseTokenRevocation(IdentityDb db, RevocationList shared, IMemoryCache cache) : IAccessTokenRevocation
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> IsRevokedAsync(string subject, string stampFingerprint, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(subject, out var userId))
        {
            return true;
        }

        if (shared.IsRevoked(subject, stampFingerprint))
        {
            return true;
        }

        var current = await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = FreshFor;
            var user = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.DeactivatedAt })
                .FirstOrDefaultAsync(cancellationToken);
            // Null when the user is gone, deactivated or has no stamp: every token of theirs is refused.
            return user is { DeactivatedAt: null, SecurityStamp: not null } ? StampFingerprint.Of(user.SecurityStamp) : null;
        });
        return current != stampFingerprint;
    }

    /// <summary>Drops what this replica remembers of the user, after their stamp or state changed here.</summary>
    public static void Forget(IMemoryCache cache, Guid userId) => cache.Remove(Key(userId));

    private static string Key(Guid userId) => $"identity:token-stamp:{userId}";
}
