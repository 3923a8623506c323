using Alerts.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Alerts.Application.Consumers;

internal static class Admins
{
    /// <summary>Every active admin: who is told about what only an admin can act on (failed jobs, broken risk limits).</summary>
    public static Task<List<Guid>> ActiveAdminsAsync(this AlertsDb db, CancellationToken cancellationToken) =>
        db.Recipients.AsNoTracking()
            .Where(r => r.Active && r.Roles.Contains(PlatformRoles.Admin))
            .Select(r => r.UserId)
            .ToListAsync(cancellationToken);
}
