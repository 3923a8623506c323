using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.SharedKernel;

namespace Portfolio.Tests.Batch;

/// <summary>The demo data reset exists in Development only: a host of its own in that environment.</summary>
public sealed class DemoDataTests
{
    private ExtraHost<DevelopmentFactory> _host = null!;

    [OneTimeSetUp]
    public async Task StartDevelopmentHost() => _host = await ExtraHost<DevelopmentFactory>.StartAsync((key, jwks) => new DevelopmentFactory(key, jwks));

    [OneTimeTearDown]
    public async Task StopDevelopmentHost() => await _host.DisposeAsync();

    [Test]
    public async Task Reset_InDevelopment_RestoresTheCallersThreeDemoPortfoliosWith90DaysOfHistory()
    {
        using var admin = _host.Factory.ClientFor(out _, PlatformRoles.Admin);
        using var analyst = _host.Factory.ClientFor(out _, PlatformRoles.Analyst);

        using (var forbidden = await analyst.PostAsync("/api/v1/portfolios/admin/demo/reset", null))
        {
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        await ResetAsync(admin);
        var second = await ResetAsync(admin);

        var mine = (await admin.GetJsonAsync("/api/v1/portfolios?pageSize=200")).Items().Where(p => p.Str("name").StartsWith("Demo ", StringComparison.Ordinal)).ToList();
        Assert.That(mine.Select(p => p.Str("name")), Is.EquivalentTo(new[] { "Demo Growth", "Demo Value", "Demo Balanced" }), "a reset replaces, never adds");
        Assert.That(mine.Select(p => p.Id()), Is.EquivalentTo(second.Select(p => p.Id())));
        foreach (var portfolio in mine)
        {
            var positions = await admin.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/positions?pageSize=200");
            Assert.That(positions.Items().Any(p => p.Str("type") is "longCall" or "longPut" or "shortCall" or "shortPut"), Is.True, "each book has an option");
            Assert.That(positions.Items().All(p => p.GetProperty("tags").GetArrayLength() > 0), Is.True);
            var history = await admin.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/history?from={DateTime.UtcNow.AddDays(-200):yyyy-MM-dd}");
            Assert.That(history.GetProperty("points").GetArrayLength(), Is.EqualTo(90));
        }
    }

    private static async Task<List<System.Text.Json.JsonElement>> ResetAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync("/api/v1/portfolios/admin/demo/reset", null);
        var created = await response.ReadJsonAsync();
        Assert.That(created.GetArrayLength(), Is.EqualTo(3));
        return [.. created.EnumerateArray()];
    }

    internal sealed class DevelopmentFactory(TestSigningKey key, Uri jwksUri) : ServiceApiFactory<Program>("portfolio", key, jwksUri)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
            builder.UseSetting("Services:marketdata:BaseUrl", PortfolioApiFactory.Unreachable.ToString());
            builder.UseSetting("Services:identity:BaseUrl", PortfolioApiFactory.Unreachable.ToString());
            builder.UseSetting("Auth:Client:Id", "portfolio");
            builder.UseSetting("Auth:Client:Secret", "portfolio-test-secret");
        }
    }
}
