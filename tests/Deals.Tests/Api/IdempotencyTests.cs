using System.Net;
using System.Net.Http.Json;
using Deals.Application.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Persistence.Idempotency;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class IdempotencyTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    private static HttpRequestMessage Create(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deals") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<long> CountByTickerAsync(HttpClient client, string ticker) =>
        (await (await client.GetAsync($"/api/v1/deals?ticker={ticker}")).ReadJsonAsync()).GetProperty("totalCount").GetInt64();

    [Test]
    public async Task SameKeyAndBody_ReplaysTheFirstResponse_AndCreatesOneDeal()
    {
        using var analyst = Api.Analyst(out _);
        var key = Guid.NewGuid().ToString();
        var ticker = "I" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var body = DealRequests.NewDeal(d => d["targetTicker"] = ticker);

        var first = await analyst.SendAsync(Create(key, body));
        var replay = await analyst.SendAsync(Create(key, body));

        var firstDeal = await first.ReadJsonAsync();
        var replayedDeal = await replay.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
            Assert.That(replay.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(replay.Headers.ETag, Is.EqualTo(first.Headers.ETag));
            Assert.That(replayedDeal.Id(), Is.EqualTo(firstDeal.Id()));
        });
        Assert.That(await CountByTickerAsync(analyst, ticker), Is.EqualTo(1));
    }

    [Test]
    public async Task SameKeyOtherBody_Is422_AndCreatesNothingMore()
    {
        using var analyst = Api.Analyst(out _);
        var key = Guid.NewGuid().ToString();
        var ticker = "J" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        Assert.That((await analyst.SendAsync(Create(key, DealRequests.NewDeal(d => d["targetTicker"] = ticker)))).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var other = await analyst.SendAsync(Create(key, DealRequests.NewDeal(d => d["targetTicker"] = ticker)));
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        Assert.That(await CountByTickerAsync(analyst, ticker), Is.EqualTo(1));
    }

    [Test]
    public async Task KeyStillInFlight_Is409()
    {
        using var analyst = Api.Analyst(out var analystId);
        var key = Guid.NewGuid().ToString();

        // Hold the key's lock as the first request would while it runs.
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString("deals"));
        await connection.OpenAsync();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@id, 0))", connection))
        {
            hold.Parameters.AddWithValue("id", analystId + "\n" + key);
            await hold.ExecuteNonQueryAsync();
        }

        var response = await analyst.SendAsync(Create(key, DealRequests.NewDeal()));
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency.in_flight");
    }

    [Test]
    public async Task FailedAttempt_IsNotRemembered_SoTheKeyCanBeRetried()
    {
        using var analyst = Api.Analyst(out _);
        var key = Guid.NewGuid().ToString();
        var invalid = await analyst.SendAsync(Create(key, DealRequests.NewDeal(d => d["currency"] = "XYZ")));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var valid = await analyst.SendAsync(Create(key, DealRequests.NewDeal()));
        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Keys_AreScopedToTheCaller()
    {
        var key = Guid.NewGuid().ToString();
        using var first = Api.Analyst(out _);
        using var second = Api.Analyst(out _);
        var a = await (await first.SendAsync(Create(key, DealRequests.NewDeal()))).ReadJsonAsync();
        var b = await (await second.SendAsync(Create(key, DealRequests.NewDeal()))).ReadJsonAsync();
        Assert.That(b.Id(), Is.Not.EqualTo(a.Id()));
    }

    [Test]
    public async Task ExpiredKey_IsFreeAgain()
    {
        using var analyst = Api.Analyst(out var analystId);
        var key = Guid.NewGuid().ToString();
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DealsDb>();
            db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
            {
                Scope = analystId.ToString(),
                Key = key,
                RequestHash = "an older request",
                CreatedAt = DateTimeOffset.UtcNow.AddHours(-25),
                StatusCode = 201,
            });
            await db.SaveChangesAsync();
        }

        var response = await analyst.SendAsync(Create(key, DealRequests.NewDeal()));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Contains("Idempotent-Replayed"), Is.False);
    }

    [Test]
    public async Task OverlongKey_Is400()
    {
        using var analyst = Api.Analyst(out _);
        var response = await analyst.SendAsync(Create(new string('k', 201), DealRequests.NewDeal()));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
