using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Api;

/// <summary>Idempotency-Key on create: a retry gets the first answer, a reused key with another body is refused.</summary>
public sealed class IdempotencyTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static HttpRequestMessage Create(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/portfolios") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Test]
    public async Task Create_RetriedWithTheSameKeyAndBody_ReplaysTheFirstAnswerAndCreatesOne()
    {
        using var analyst = Factory.Analyst(out _);
        var key = Guid.NewGuid().ToString();
        var body = NewPortfolio();

        using var first = await analyst.SendAsync(Create(key, body));
        using var retry = await analyst.SendAsync(Create(key, body));

        var original = await first.Content.ReadAsStringAsync();
        var replayed = await retry.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), original);
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), replayed);
            // The stored answer may be re-serialised (member order, spacing): the same JSON, not the same bytes.
            Assert.That(JsonElement.DeepEquals(Parse(replayed), Parse(original)), Is.True, $"replayed {replayed}\noriginal {original}");
            Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(retry.Headers.TryGetValues("Idempotent-Replayed", out var flag) ? flag.Single() : null, Is.EqualTo("true"));
        }

        var list = await analyst.GetJsonAsync("/api/v1/portfolios");
        Assert.That(list.Items(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Create_WithAUsedKeyAndAnotherBody_Is422AndCreatesNothingMore()
    {
        using var analyst = Factory.Analyst(out _);
        var key = Guid.NewGuid().ToString();

        using var first = await analyst.SendAsync(Create(key, NewPortfolio()));
        using var reused = await analyst.SendAsync(Create(key, NewPortfolio()));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        var list = await analyst.GetJsonAsync("/api/v1/portfolios");
        Assert.That(list.Items(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Create_TheSameKeyFromAnotherUser_IsTheirOwnRequest()
    {
        using var analyst = Factory.Analyst(out _);
        using var other = Factory.Analyst(out var otherId);
        var key = Guid.NewGuid().ToString();
        var body = NewPortfolio();

        using var first = await analyst.SendAsync(Create(key, body));
        using var second = await other.SendAsync(Create(key, body));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var theirs = await second.ReadJsonAsync();
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(theirs.Str("ownerId"), Is.EqualTo(otherId.ToString()));
    }

    [Test]
    public async Task Create_WithAnInvalidKey_Is400()
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.SendAsync(Create(new string('k', 1000), NewPortfolio()));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
