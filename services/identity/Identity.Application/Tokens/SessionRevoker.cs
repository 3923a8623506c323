using Identity.Application.Persistence;
using Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Identity.Application.Tokens;

/// <summary>
/// Makes a user's outstanding access tokens invalid now rather than at expiry: the security stamp
/// changes (new tokens carry the new fingerprint), and in the same transaction a
/// <see cref="SessionRevocation"/> row and the <c>UserSessionsRevoked</c> event are written. The
/// revocation relay then puts the new fingerprint on the shared revocation list that the gateway and
/// every service hold in memory; it retries until Redis takes it, so an outage delays a revocation
/// but never loses it. Identity itself checks the stamp against its database on every request.
/// Call it inside the transaction of the change that ends the sessions.
/// </summary>
public sealed class SessionRevoker(
    IdentityDb db, UserManager<User> users, IOptions<IdentityServiceOptions> options, SessionRevocationSignal signal, IMemoryCache tokenStamps,
    TimeProvider clock)
{
    public async Task RevokeAsync(User user, string reason, CancellationToken cancellationToken)
    {
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Changing the security stamp failed: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }

        var now = clock.GetUtcNow();
        user.SessionsRevoked(reason, now);
        db.SessionRevocations.Add(SessionRevocation.Create(
            user.Id, StampFingerprint.Of(user.SecurityStamp!), reason, now, TimeSpan.FromMinutes(options.Value.AccessTokenMinutes)));
        await db.SaveChangesAsync(cancellationToken);
        DatabaseTokenRevocation.Forget(tokenStamps, user.Id);
        // Rung before the caller commits: the relay then finds nothing yet and looks again within a
        // second, so the ring only saves the wait when the commit is quick, which it usually is.
        signal.Ring();
    }
}

/// <summary>Wakes the revocation relay when a revocation was just written.</summary>
public sealed class SessionRevocationSignal : Platform.SharedKernel.Doorbell;
