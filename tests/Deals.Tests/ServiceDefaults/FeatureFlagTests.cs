using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;
using Platform.ServiceDefaults.Features;

namespace Deals.Tests.ServiceDefaults;

/// <summary>
/// <see cref="FeatureSetup.AddPlatformFeatures(Microsoft.Extensions.Hosting.IHostApplicationBuilder)"/> on a tiny host: flags from the
/// FeatureManagement section, percentage rollout, and targeting on the caller's sub and roles.
/// </summary>
public sealed class FeatureFlagTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeatureManagement:Test.On"] = "true",
            ["FeatureManagement:Test.Off"] = "false",
            ["FeatureManagement:Test.Everyone:EnabledFor:0:Name"] = "Microsoft.Percentage",
            ["FeatureManagement:Test.Everyone:EnabledFor:0:Parameters:Value"] = "100",
            ["FeatureManagement:Test.Nobody:EnabledFor:0:Name"] = "Microsoft.Percentage",
            ["FeatureManagement:Test.Nobody:EnabledFor:0:Parameters:Value"] = "0",
            ["FeatureManagement:Test.Reviewers:EnabledFor:0:Name"] = "Microsoft.Targeting",
            ["FeatureManagement:Test.Reviewers:EnabledFor:0:Parameters:Audience:Users:0"] = "pilot-user",
            ["FeatureManagement:Test.Reviewers:EnabledFor:0:Parameters:Audience:Groups:0:Name"] = "reviewer",
            ["FeatureManagement:Test.Reviewers:EnabledFor:0:Parameters:Audience:Groups:0:RolloutPercentage"] = "100",
            ["FeatureManagement:Test.Reviewers:EnabledFor:0:Parameters:Audience:DefaultRolloutPercentage"] = "0",
        });
        builder.AddPlatformFeatures();
        builder.AddPlatformFeatures();
        _app = builder.Build();
        // Stands in for JWT authentication: the same claim types the platform's tokens carry.
        _app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-Test-Sub", out var sub))
            {
                var claims = new List<Claim> { new("sub", sub.ToString()) };
                claims.AddRange(context.Request.Headers["X-Test-Role"].Select(role => new Claim("role", role!)));
                context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test", "sub", "role"));
            }

            return next(context);
        });
        _app.MapGet("/flags/{name}", async (string name, IVariantFeatureManager features, CancellationToken ct) =>
            await features.IsEnabledAsync(name, ct) ? "on" : "off");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<string> FlagAsync(string name, string? sub = null, params string[] roles)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/flags/{name}");
        if (sub is not null)
        {
            request.Headers.Add("X-Test-Sub", sub);
            foreach (var role in roles)
            {
                request.Headers.Add("X-Test-Role", role);
            }
        }

        using var response = await _client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    [Test]
    public async Task PlainFlags_FollowConfiguration_AndUnknownFlagsAreOff()
    {
        Assert.That(await FlagAsync("Test.On"), Is.EqualTo("on"));
        Assert.That(await FlagAsync("Test.Off"), Is.EqualTo("off"));
        Assert.That(await FlagAsync("Test.NeverConfigured"), Is.EqualTo("off"));
    }

    [Test]
    public async Task PercentageRollout_IsRegistered()
    {
        Assert.That(await FlagAsync("Test.Everyone"), Is.EqualTo("on"));
        Assert.That(await FlagAsync("Test.Nobody"), Is.EqualTo("off"));
    }

    [Test]
    public async Task Targeting_UsesTheCallersSubAndRoles()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await FlagAsync("Test.Reviewers", "someone", "reviewer"), Is.EqualTo("on"), "a role is a group");
            Assert.That(await FlagAsync("Test.Reviewers", "pilot-user", "analyst"), Is.EqualTo("on"), "sub is the user id");
            Assert.That(await FlagAsync("Test.Reviewers", "someone", "analyst"), Is.EqualTo("off"));
            Assert.That(await FlagAsync("Test.Reviewers"), Is.EqualTo("off"), "anonymous callers fall to the default rollout");
        });
    }
}
