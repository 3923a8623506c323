using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Auth;

namespace Deals.Tests.ServiceDefaults;

/// <summary><see cref="ScopeAuthorization"/>: a capability scope is a whole word of the token's space-separated <c>scope</c>.</summary>
public sealed class ScopeAuthorizationTests
{
    private static readonly IAuthorizationService Authorization =
        new ServiceCollection().AddLogging().AddAuthorization().BuildServiceProvider().GetRequiredService<IAuthorizationService>();

    private static readonly AuthorizationPolicy MarketDataRead = new AuthorizationPolicyBuilder().RequireScope("marketdata.read").Build();

    [TestCase("marketdata.read", true)]
    [TestCase("platform-api marketdata.read", true)]
    [TestCase("marketdata.read.all", false)]
    [TestCase("marketdata", false)]
    [TestCase("MARKETDATA.READ", false)]
    [TestCase("platform-api", false)]
    [TestCase("", false)]
    public async Task RequireScope_MatchesWholeScopesExactly(string scope, bool allowed)
    {
        var caller = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "deals-service"), new Claim("scope", scope)], "Bearer"));

        var result = await Authorization.AuthorizeAsync(caller, MarketDataRead);

        Assert.That(result.Succeeded, Is.EqualTo(allowed));
    }

    [Test]
    public async Task RequireScope_RefusesAnAnonymousCallerEvenWithTheClaim()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim("scope", "marketdata.read")]));

        Assert.That((await Authorization.AuthorizeAsync(anonymous, MarketDataRead)).Succeeded, Is.False);
    }
}
