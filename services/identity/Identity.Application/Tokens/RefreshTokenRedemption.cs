using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Application.Tokens;

/// <summary>
/// Spends a refresh token exactly once. OpenIddict marks it redeemed too, but lets concurrent requests
/// with the same token all succeed; here one conditional update decides, and every loser is treated
/// as the reuse it is: the whole authorization (the session, every token under it) is revoked.
/// </summary>
public sealed class RefreshTokenRedemption(
    IdentityDb db, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, TimeProvider clock)
{
    public async Task<bool> TryRedeemAsync(string tokenId, string? authorizationId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(tokenId, out var id))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var won = await db.Set<OpenIddictEntityFrameworkCoreToken<Guid>>()
            .Where(t => t.Id == id && t.Status == Statuses.Valid)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.Status, Statuses.Redeemed).SetProperty(x => x.RedemptionDate, now), cancellationToken);
        if (won == 1)
        {
            return true;
        }

        if (authorizationId is not null)
        {
            if (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
            {
                await authorizations.TryRevokeAsync(authorization, cancellationToken);
            }

            await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        }

        return false;
    }
}
