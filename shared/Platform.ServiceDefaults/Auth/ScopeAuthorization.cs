using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// What a service client may do is its scopes (one per capability, such as <c>marketdata.read</c>),
/// never a role: an endpoint that serves other services names the scope it requires.
/// </summary>
public static class ScopeAuthorization
{
    /// <summary>The token's <c>scope</c> claim (space-separated, RFC 9068) lists <paramref name="scope"/>.</summary>
    public static bool HasScope(this ClaimsPrincipal principal, string scope) =>
        principal.FindAll("scope").Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    /// <summary>A token a service obtained for itself (client credentials): its subject is its own client id.</summary>
    public static bool IsServiceClient(this ClaimsPrincipal principal) =>
        principal.FindFirst("sub")?.Value is { } subject && subject == principal.FindFirst("client_id")?.Value;

    /// <summary>Any signed-in user, or a service client granted <paramref name="scope"/>: the usual rule for data users read in the console and services read on their behalf.</summary>
    public static AuthorizationPolicyBuilder RequireUserOrScope(this AuthorizationPolicyBuilder policy, string scope) =>
        policy.RequireAuthenticatedUser().RequireAssertion(context => !context.User.IsServiceClient() || context.User.HasScope(scope));

    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder policy, string scope) =>
        policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(scope));

    /// <summary>Only callers whose token carries <paramref name="scope"/>: a service client granted it, or a user client granted it.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, string scope) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.RequireScope(scope));
}
