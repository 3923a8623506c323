using OpenIddict.Abstractions;

namespace Identity.Application.Tokens;

/// <summary>
/// Ends what OpenIddict granted a user: authorizations (one per sign-in of a client) and every token
/// issued under them, refresh tokens included. Runs in the caller's transaction: OpenIddict's stores
/// share the request's <c>IdentityDb</c>.
/// </summary>
public sealed class UserGrants(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    /// <summary>Every session of the user, on every client.</summary>
    public async Task RevokeAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        var subject = userId.ToString();
        await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
        await tokens.RevokeBySubjectAsync(subject, cancellationToken);
    }

    /// <summary>
    /// The one session a refresh token belongs to: its authorization and every token under it. False,
    /// changing nothing, when the token is unknown or another user's.
    /// </summary>
    public async Task<bool> RevokeSessionAsync(Guid userId, string refreshToken, CancellationToken cancellationToken)
    {
        var token = await tokens.FindByReferenceIdAsync(refreshToken, cancellationToken);
        if (token is null || await tokens.GetSubjectAsync(token, cancellationToken) != userId.ToString())
        {
            return false;
        }

        if (await tokens.GetAuthorizationIdAsync(token, cancellationToken) is not { } authorizationId)
        {
            return await tokens.TryRevokeAsync(token, cancellationToken);
        }

        if (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
        }

        await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        return true;
    }
}
