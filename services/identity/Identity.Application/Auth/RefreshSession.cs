using FluentValidation;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Identity.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.SharedKernel;

namespace Identity.Application.Auth;

/// <summary>
/// The refresh-token grant: consumes the presented token and issues its successor. A token that was
/// already consumed is proof of theft (either the thief or the user will present it again), so the
/// whole family is revoked and both must sign in again.
/// </summary>
public sealed record RefreshSession(string RefreshToken, string? ClientId = null, string? ClientSecret = null)
    : IRequest<Result<TokenSet>>;

internal sealed class RefreshSessionValidator : AbstractValidator<RefreshSession>
{
    public RefreshSessionValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(512);
}

internal sealed class RefreshSessionHandler(
    IdentityDb db, UserManager<User> users, ClientAuthenticator clients, TokenIssuer tokens, TimeProvider clock,
    ILogger<RefreshSessionHandler> logger)
    : IRequestHandler<RefreshSession, Result<TokenSet>>
{
    public async Task<Result<TokenSet>> Handle(RefreshSession request, CancellationToken cancellationToken)
    {
        var client = clients.Authenticate(request.ClientId, request.ClientSecret, GrantTypes.RefreshToken);
        if (!client.IsSuccess)
        {
            return client.Error!;
        }

        var hash = TokenIssuer.Hash(request.RefreshToken);
        var presented = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (presented is null || presented.ClientId != client.Value.ClientId)
        {
            return IdentityErrors.InvalidRefreshToken;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Consume atomically: of two concurrent uses, exactly one wins; the other is a reuse.
        var consumed = await db.RefreshTokens
            .Where(t => t.Id == presented.Id && t.ConsumedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ConsumedAt, now), cancellationToken);
        if (consumed == 0)
        {
            var current = await db.RefreshTokens.AsNoTracking().SingleAsync(t => t.Id == presented.Id, cancellationToken);
            if (current.ConsumedAt is not null && current.RevokedAt is null)
            {
                await RevokeFamilyAsync(current.FamilyId, "reuse_detected", now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogWarning("Refresh token reuse detected for user {UserId}: family {FamilyId} revoked.", current.UserId, current.FamilyId);
            }

            return IdentityErrors.InvalidRefreshToken;
        }

        var user = await users.FindByIdAsync(presented.UserId.ToString());
        if (user is null || !user.IsActive)
        {
            await RevokeFamilyAsync(presented.FamilyId, "user_inactive", now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return IdentityErrors.InvalidRefreshToken;
        }

        // Roles are read afresh so a role change takes effect at the next refresh.
        var roles = (await users.GetRolesAsync(user)).ToList();
        var tokenSet = tokens.Rotate(db, presented, user, roles);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tokenSet;
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens.RevokeAsync(t => t.FamilyId == familyId, reason, now, cancellationToken);
}
