using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Deals.Tests.Infrastructure;

/// <summary>
/// While the database is unreachable, reads and writes are retryable 503 problems and nothing is half
/// done: once it is back, the same Idempotency-Key creates the deal exactly once.
/// </summary>
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    [Test]
    public async Task DatabaseDown_GivesRetryable503s_ThenTheRetrySucceedsOnce()
    {
        await using var factory = DealsService.CreateFactory();
        using var analyst = factory.ClientFor(out _, Platform.SharedKernel.PlatformRoles.Analyst);
        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        var working = configuration["ConnectionStrings:Postgres"];
        var key = Guid.NewGuid().ToString();
        var ticker = "O" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var body = DealRequests.NewDeal(d => d["targetTicker"] = ticker);

        HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deals") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        configuration["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2";
        var list = await analyst.GetAsync("/api/v1/deals");
        var create = await analyst.SendAsync(Create());

        await list.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service.unavailable");
        await create.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service.unavailable");
        Assert.That(create.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That((await analyst.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        configuration["ConnectionStrings:Postgres"] = working;
        var retried = await analyst.SendAsync(Create());
        var replayed = await analyst.SendAsync(Create());
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retried.Content.ReadAsStringAsync());
        Assert.That(replayed.Headers.Contains("Idempotent-Replayed"), Is.True);
        var found = await (await analyst.GetAsync($"/api/v1/deals?ticker={ticker}")).ReadJsonAsync();
        Assert.That(found.GetProperty("totalCount").GetInt64(), Is.EqualTo(1));
    }
}
