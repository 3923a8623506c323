using Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Platform.SharedKernel;

namespace Identity.Application.Tokens;

/// <summary>
/// Makes a user's outstanding access tokens invalid now rather than at expiry: the security stamp
/// changes (new tokens carry the new fingerprint) and the new fingerprint is published to the
/// revocation list that the gateway and every service check.
/// </summary>
public sealed class SessionRevoker(
    UserManager<User> users, IAccessTokenRevocation revocation, TokenIssuer tokens, ILogger<SessionRevoker> logger)
{
    public async Task RevokeAccessTokensAsync(User user, CancellationToken cancellationToken)
    {
        await users.UpdateSecurityStampAsync(user);
        try
        {
            await revocation.RevokeOlderThanAsync(
                user.Id.ToString(), TokenIssuer.StampFingerprint(user.SecurityStamp!), tokens.AccessTokenLifetime, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database change (and the refresh-token revocation) stands; access tokens then
            // lapse at expiry instead of now. Operators see why.
            logger.LogError(exception, "Could not publish the access-token revocation of user {UserId}.", user.Id);
        }
    }
}
