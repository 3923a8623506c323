using System.Net;
using System.Text.Json;
using Platform.SharedKernel;
using Platform.Testing;

namespace Identity.Tests.Infrastructure;

public sealed class HealthAndConventionsTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    [Test]
    public async Task Ready_ReportsDatabaseBrokerHealthyToAdmins_AndOnlyTheStatusToProbes()
    {
        var (client, _, _) = await Factory.SignedInClientAsync(PlatformRoles.Admin);
        using var probe = Factory.CreateClient();
        HttpResponseMessage response;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            // The bus connects in the background after start-up.
            response = await client.GetAsync("/health/ready");
        }
        while (response.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Delay());

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("checks").EnumerateObject().Select(c => c.Name), Does.Contain("postgres"));
        Assert.That(body.GetProperty("checks").EnumerateObject().Count(), Is.GreaterThanOrEqualTo(2), "database and broker");
        var anonymous = JsonDocument.Parse(await (await probe.GetAsync("/health/ready")).Content.ReadAsStringAsync()).RootElement;
        Assert.That(anonymous.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "status" }), "no dependency details without a token");
        client.Dispose();
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(500);
        return true;
    }

    [Test]
    public async Task Live_AnswersWithoutAuthentication()
    {
        using var client = Factory.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task OpenApiDocument_IsServedAnonymously()
    {
        using var client = Factory.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.That(document.GetProperty("paths").TryGetProperty("/api/v1/auth/login", out _), Is.True);
    }

    [Test]
    public async Task UnknownRoute_Returns404Problem_WithRequestIdEchoed()
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/nothing-here");
        request.Headers.Add("X-Request-ID", "req-12345");

        var response = await client.SendAsync(request);

        Assert.That(response.Headers.GetValues("X-Request-ID").Single(), Is.EqualTo("req-12345"));
        var problem = await response.AssertProblemAsync(response.StatusCode);
        Assert.That(problem.GetProperty("requestId").GetString(), Is.EqualTo("req-12345"));
        Assert.That((int)response.StatusCode, Is.AnyOf(401, 404));
    }

    [Test]
    public async Task Request_WithoutRequestId_GetsOneCreated()
    {
        using var client = Factory.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.That(response.Headers.GetValues("X-Request-ID").Single(), Has.Length.EqualTo(32));
    }

    [Test]
    public async Task CreatedRequestIds_AreDistinctHexTokens()
    {
        using var client = Factory.CreateClient();

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var response = await client.GetAsync("/health/live");
            ids.Add(response.Headers.GetValues("X-Request-ID").Single());
        }

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Match("^[0-9a-f]{32}$"));
        // One process, one prefix: what tells two requests apart is the counter, which never repeats within a process.
        Assert.That(ids.Select(id => id[..16]).Distinct().Count(), Is.EqualTo(1));
    }
}
