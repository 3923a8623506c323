using Microsoft.AspNetCore.Http;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Platform.ServiceDefaults.Features;

/// <summary>
/// Targets the authenticated caller: the token's <c>sub</c> as the user and its roles as groups, so
/// a rollout can name people ("Users") or roles ("Groups": reviewer, admin). Outside a request, or
/// for an anonymous caller, the context is empty and only the default rollout percentage applies.
/// </summary>
internal sealed class CallerTargetingContextAccessor(IHttpContextAccessor accessor) : ITargetingContextAccessor
{
    public ValueTask<TargetingContext> GetContextAsync()
    {
        var user = accessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return ValueTask.FromResult(new TargetingContext());
        }

        return ValueTask.FromResult(new TargetingContext
        {
            UserId = user.FindFirst("sub")?.Value,
            Groups = user.FindAll("role").Select(role => role.Value).ToList(),
        });
    }
}
