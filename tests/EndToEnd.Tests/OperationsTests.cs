using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>What operators rely on: the deploy-job mode and the demo data of make run.</summary>
public sealed class OperationsTests
{
    [Test]
    public async Task MigrateOnly_AppliesMigrationsAndExitsWithoutServing()
    {
        var environment = Platform.IdentityEnvironment.ToDictionary();

        var (exitCode, output) = await ServiceProcess.RunToExitAsync(Platform.IdentityProject, environment, ["--migrate-only"], TimeSpan.FromSeconds(60));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Not.Contain("Now listening"), "a deploy job must not start serving");
        Assert.That(output, Does.Not.Contain("\"LogLevel\":\"Error\""), output);
    }

    [TestCase("admin@platform.local", "Granite-Ledger-2026!", "admin")]
    [TestCase("reviewer@platform.local", "Harbor-Quartz-2026!", "reviewer")]
    [TestCase("analyst@platform.local", "Meadow-Copper-2026!", "analyst")]
    [TestCase("risk@platform.local", "Cobalt-Lantern-2026!", "risk-manager")]
    [TestCase("officer@platform.local", "Juniper-Anchor-2026!", "loan-officer")]
    public async Task DemoUsers_FromTheLocalRunFile_CanSignInThroughTheGateway(string email, string password, string role)
    {
        using var client = Platform.CreateClient();

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), await login.Content.ReadAsStringAsync());
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        Assert.That(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetPayloadValue<string[]>("role"), Is.EqualTo(new[] { role }));
    }
}
