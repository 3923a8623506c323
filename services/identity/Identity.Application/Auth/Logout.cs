using FluentValidation;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Identity.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Application.Auth;

/// <summary>
/// Ends a session by revoking the refresh token's whole family, or every session of the caller with
/// <see cref="AllSessions"/>, which also ends every access token of the caller at once. After a
/// single-session logout the access token in hand lapses at expiry (minutes): other devices keep theirs.
/// A token that is unknown or belongs to someone else changes nothing and reveals nothing.
/// </summary>
public sealed record Logout(string? RefreshToken, bool AllSessions = false) : IRequest<Result>;

internal sealed class LogoutValidator : AbstractValidator<Logout>
{
    public LogoutValidator() =>
        RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(512)
            .When(r => !r.AllSessions)
            .WithMessage("Send the refresh token to end, or allSessions: true.");
}

internal sealed class LogoutHandler(IdentityDb db, UserManager<User> users, SessionRevoker sessions, UserGrants grants, ICurrentUser currentUser)
    : IRequestHandler<Logout, Result>
{
    public async Task<Result> Handle(Logout request, CancellationToken cancellationToken)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Error.Forbidden("auth.not_a_user", "Only user sessions can be ended.");
        }

        if (!request.AllSessions)
        {
            await grants.RevokeSessionAsync(userId, request.RefreshToken!, cancellationToken);
            return Result.Ok();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await grants.RevokeAllAsync(userId, cancellationToken);
        if (await users.FindByIdAsync(userId.ToString()) is { } user)
        {
            await sessions.RevokeAsync(user, SessionRevocationReasons.LoggedOutEverywhere, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
