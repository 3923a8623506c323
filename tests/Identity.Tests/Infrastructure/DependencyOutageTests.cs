using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Identity.Tests.Infrastructure;

/// <summary>
/// A database that stops answering is a 503 the client may retry, not a 500, and readiness says so.
/// The outage is real: the running service is pointed at a port where nothing listens.
/// </summary>
[NonParallelizable]
public sealed class DependencyOutageTests
{
    [Test]
    public async Task DatabaseDown_GivesRetryable503Problems_AndNotReady_ThenRecovers()
    {
        await using var factory = new IdentityApiFactory();
        using var client = factory.CreateClient();
        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        var working = configuration["ConnectionStrings:Postgres"];

        configuration["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2";
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "someone@example.test", password = "irrelevant password" });
        var ready = await client.GetAsync("/health/ready");

        await login.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service.unavailable");
        Assert.That(login.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        configuration["ConnectionStrings:Postgres"] = working;
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
