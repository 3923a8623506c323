using Identity.Application.Persistence;
using Identity.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Identity.Application.Settings;

/// <summary>The signed-in user's settings; the defaults (version 0) until they change one.</summary>
public sealed record GetUserSettings : IRequest<Result<UserSettingsView>>;

internal sealed class GetUserSettingsHandler(IdentityDb db, ICurrentUser currentUser) : IRequestHandler<GetUserSettings, Result<UserSettingsView>>
{
    public async Task<Result<UserSettingsView>> Handle(GetUserSettings request, CancellationToken cancellationToken)
    {
        if (currentUser.UserId is not { } userId)
        {
            return UserSettingsErrors.NotAUser;
        }

        var settings = await db.UserSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == userId, cancellationToken);
        return UserSettingsView.From(settings ?? UserSettings.Defaults(userId));
    }
}
