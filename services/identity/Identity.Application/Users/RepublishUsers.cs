using Identity.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
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
            var chunk = await db.Users.AsNoTracking()
                .Where(u => after == null || u.Id > after)
                .OrderBy(u => u.Id)
                .Take(ChunkSize)
                .Select(u => new
                {
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.DeactivatedAt,
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                })
                .ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                return new RepublishedUsers(published);
            }

            var now = clock.GetUtcNow();
            foreach (var user in chunk)
            {
                db.AddUserEvent(new UserSynchronized(Guid.CreateVersion7(now), now, user.Id, user.Email!, user.DisplayName, user.Roles, user.DeactivatedAt is null));
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            published += chunk.Count;
            after = chunk[^1].Id;
        }
    }
}
