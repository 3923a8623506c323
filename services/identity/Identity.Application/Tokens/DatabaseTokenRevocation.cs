using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Auth;
using Platform.SharedKernel;

namespace Identity.Application.Tokens;

/// <summary>
/// Identity holds the truth about its users, so it does not rely on the shared copy of the revocation
/// list: a user token is accepted only while the user exists, is active and still has the security
/// stamp the token was issued with. That holds even while a revocation waits for Redis (an outage), so
/// a deactivated user is refused here at once whatever the gateway and other services know yet.
/// </summary>
public sealed class DatabaseTokenRevocation(IdentityDb db, RevocationList shared) : IAccessTokenRevocation
{
    public async ValueTask<bool> IsRevokedAsync(string subject, string stampFingerprint, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(subject, out var userId))
        {
            return true;
        }

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.DeactivatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return user is not { DeactivatedAt: null, SecurityStamp: not null } || TokenIssuer.StampFingerprint(user.SecurityStamp) != stampFingerprint;
    }

    public RevocationWatch Watch(string subject, string stampFingerprint) => shared.Watch(subject, stampFingerprint);
}
