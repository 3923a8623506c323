using Identity.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Identity.Application.Users;

/// <summary>
/// Publishes every user's current state (<see cref="UserSynchronized"/>), so a service that keeps a
/// projection of users (alerts) and was deployed after users existed, or lost events, converges.
/// Written through the outbox in chunks, each chunk one transaction.
/// </summary>
public sealed record RepublishUsers : IRequest<Result<RepublishedUsers>>;

public sealed record RepublishedUsers(int Published);

internal sealed class RepublishUsersHandler(IdentityDb db, TimeProvider clock) : IRequestHandler<RepublishUsers, Result<RepublishedUsers>>
{
    private const int ChunkSize = 500;

    public async Task<Result<RepublishedUsers>> Handle(RepublishUsers request, CancellationToken cancellationToken)
    {
        var published = 0;
        Guid? after = null;
        while (true)
        {
            // Tracked, so that the users' events are collected by the save below like any other user event.
            var chunk = await db.Users
                .Where(u => after == null || u.Id > after)
                .OrderBy(u => u.Id)
                .Take(ChunkSize)
                .ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                return new RepublishedUsers(published);
            }

            var ids = chunk.Select(u => u.Id).ToList();
            var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, Role = r.Name! })
                    .ToListAsync(cancellationToken))
                .ToLookup(x => x.UserId, x => x.Role);
            var now = clock.GetUtcNow();
            foreach (var user in chunk)
            {
                user.Republish([.. roles[user.Id]], now);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            published += chunk.Count;
            after = chunk[^1].Id;
        }
    }
}
