using System.Net;
using System.Text;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class PatchTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string id, string? ifMatch, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/deals/{id}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    [Test]
    public async Task Patch_ChangesOnlyTheGivenFields_AndNullClears()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();

        var patched = await (await PatchAsync(analyst, created.Id(), created.ETag(), "{\"currentTargetPrice\": 52, \"breakFee\": null, \"tags\": [\"hot\"]}")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(patched.GetProperty("currentTargetPrice").GetDecimal(), Is.EqualTo(52m));
            Assert.That(patched.GetProperty("spread").GetDecimal(), Is.EqualTo(0.5m));
            Assert.That(patched.GetProperty("breakFee").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(patched.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "hot" }));
            Assert.That(patched.GetProperty("name").GetString(), Is.EqualTo(created.GetProperty("name").GetString()));
            Assert.That(patched.GetProperty("advisors").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Patch_BreakingARule_Is400WithTheField()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        var problem = await (await PatchAsync(analyst, created.Id(), created.ETag(), "{\"probabilityOfClose\": 7}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("probabilityOfClose", out _), Is.True);
    }

    [TestCase("{\"reviewStatus\": \"approved\"}", "reviewStatus")]
    [TestCase("{\"spread\": 100}", "spread")]
    [TestCase("{\"ownerId\": \"00000000-0000-0000-0000-000000000001\"}", "ownerId")]
    public async Task Patch_OfStateTheAggregateOwns_IsRefused(string json, string field)
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        var problem = await (await PatchAsync(analyst, created.Id(), created.ETag(), json)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True);
    }

    [Test]
    public async Task Patch_WithWrongType_Is400()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        var problem = await (await PatchAsync(analyst, created.Id(), created.ETag(), "{\"dealValue\": \"big\"}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("dealValue", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Patch_WithoutIfMatch_Is428_AndStale_Is412()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        await (await PatchAsync(analyst, created.Id(), null, "{\"name\": \"x\"}")).AssertProblemAsync(HttpStatusCode.PreconditionRequired, "deal.version_required");
        await (await PatchAsync(analyst, created.Id(), "\"1\"", "{\"name\": \"x\"}")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "deal.stale");
    }

    [Test]
    public async Task PutAndPatch_WithIfMatchStar_OverwriteDeliberately()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();
        Assert.That((await PatchAsync(analyst, created.Id(), "*", "{\"name\": \"Patched blind\"}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var put = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{created.Id()}", "*", DealRequests.NewDeal(d => d["name"] = "Put blind"));
        Assert.That((await put.ReadJsonAsync()).GetProperty("name").GetString(), Is.EqualTo("Put blind"));
    }

    [Test]
    public async Task Patch_ByAnotherAnalyst_Is403()
    {
        using var owner = Api.Analyst(out _);
        var created = await owner.CreateDealAsync();
        using var other = Api.Analyst(out _);
        await (await PatchAsync(other, created.Id(), created.ETag(), "{\"name\": \"mine now\"}")).AssertProblemAsync(HttpStatusCode.Forbidden, "deal.not_owner");
    }
}
