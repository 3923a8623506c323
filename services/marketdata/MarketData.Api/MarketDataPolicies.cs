using Microsoft.AspNetCore.Authorization;
using Platform.ServiceDefaults.Auth;
using Platform.SharedKernel;

namespace MarketData.Api;

/// <summary>Who may do what here: every signed-in user reads, and so do services granted <c>marketdata.read</c>; admins and services granted <c>marketdata.track</c> add symbols.</summary>
internal static class MarketDataPolicies
{
    public const string Reader = "marketdata-reader";
    public const string Tracker = "marketdata-tracker";

    public const string ReadScope = "marketdata.read";
    public const string TrackScope = "marketdata.track";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Reader, policy => policy.RequireUserOrScope(ReadScope));
        options.AddPolicy(Tracker, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            context.User.IsServiceClient() ? context.User.HasScope(TrackScope) : context.User.IsInRole(PlatformRoles.Admin)));
    }
}
