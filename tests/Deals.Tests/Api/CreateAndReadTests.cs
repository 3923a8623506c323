using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class CreateAndReadTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    [Test]
    public async Task Create_ByAnalyst_Returns201WithLocationETagAndDerivedFigures()
    {
        using var analyst = Api.Analyst(out var analystId);
        var response = await analyst.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal());
        var deal = await response.ReadJsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/deals/{deal.Id()}"));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(deal.ETag()));
            Assert.That(deal.GetProperty("reviewStatus").GetString(), Is.EqualTo("draft"));
            Assert.That(deal.GetProperty("ownerId").GetGuid(), Is.EqualTo(analystId));
            Assert.That(deal.GetProperty("spread").GetDecimal(), Is.EqualTo(2.5m));
            Assert.That(deal.GetProperty("dealValue").GetDecimal(), Is.EqualTo(1250000000.50m));
            Assert.That(deal.GetProperty("createdBy").GetString(), Is.EqualTo(analystId.ToString()));
        });
    }

    [Test]
    public async Task Get_ReturnsTheDealWithItsETag_AndHonoursIfNoneMatch()
    {
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync();

        using var reviewer = Api.Reviewer(out _);
        var response = await reviewer.GetAsync($"/api/v1/deals/{created.Id()}");
        var deal = await response.ReadJsonAsync();
        Assert.That(deal.GetProperty("name").GetString(), Is.EqualTo(created.GetProperty("name").GetString()));
        Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(created.ETag()));

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/deals/{created.Id()}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", created.ETag());
        Assert.That((await reviewer.SendAsync(conditional)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Get_UnknownId_Is404Problem()
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.GetAsync($"/api/v1/deals/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound, "deal.not_found");
    }

    [Test]
    public async Task ByTicker_FindsDealsWhereTheTickerIsTargetOrAcquirer()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = "T" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var asTarget = await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);
        var asAcquirer = await analyst.CreateDealAsync(d => d["acquirerTicker"] = ticker.ToLowerInvariant());

        var found = await (await analyst.GetAsync($"/api/v1/deals/by-ticker/{ticker.ToLowerInvariant()}")).ReadJsonAsync();
        var ids = found.GetProperty("items").EnumerateArray().Select(d => d.Id()).ToList();
        Assert.That(ids, Is.EquivalentTo(new[] { asTarget.Id(), asAcquirer.Id() }));
    }

    [Test]
    public async Task ByTicker_Malformed_Is400()
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.GetAsync("/api/v1/deals/by-ticker/NOT%20A%20TICKER")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Create_WithEveryKindOfInvalidField_ReportsEachFieldByName()
    {
        using var analyst = Api.Analyst(out _);
        var response = await analyst.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal(d =>
        {
            d.Remove("name");
            d.Remove("type");
            d["targetTicker"] = "NOT A TICKER";
            d["currency"] = "XYZ";
            d["targetCountry"] = "USA";
            d["expectedCloseOn"] = "2025-01-01";
            d["dealValue"] = -5m;
            d["probabilityOfClose"] = 1.5m;
            d["tags"] = new[] { "Bad Tag!" };
        }));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.EquivalentTo(new[]
        {
            "name", "type", "targetTicker", "currency", "targetCountry", "expectedCloseOn", "dealValue", "probabilityOfClose", "tags",
        }));
    }

    [Test]
    public async Task Create_MalformedJson_Is400Problem()
    {
        using var analyst = Api.Analyst(out _);
        var response = await analyst.PostAsync("/api/v1/deals", new StringContent("{\"name\": \"x\",", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed_json");
    }

    [TestCase("{\"dealValue\": \"a lot\"}")]
    [TestCase("{\"type\": \"hostileTakeover\"}")]
    [TestCase("{\"announcedOn\": \"yesterday\"}")]
    [TestCase("{\"tags\": \"arb\"}")]
    [TestCase("[]")]
    public async Task Create_WrongTypes_Are400Problems(string json)
    {
        using var analyst = Api.Analyst(out _);
        var response = await analyst.PostAsync("/api/v1/deals", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed_json");
    }

    [Test]
    public async Task Create_OversizedBody_Is413Problem()
    {
        using var analyst = Api.Analyst(out _);
        var huge = DealRequests.NewDeal(d => d["analystNotes"] = new string('x', 600_000));
        await (await analyst.PostAsJsonAsync("/api/v1/deals", huge)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Test]
    public async Task Create_HostileLookingText_IsStoredAndReturnedVerbatim()
    {
        const string sql = "'; DROP TABLE deals; --";
        const string script = "<script>alert('x')</script>";
        using var analyst = Api.Analyst(out _);
        var created = await analyst.CreateDealAsync(d =>
        {
            d["name"] = sql;
            d["analystNotes"] = script;
        });

        var deal = await (await analyst.GetAsync($"/api/v1/deals/{created.Id()}")).ReadJsonAsync();
        Assert.That(deal.GetProperty("name").GetString(), Is.EqualTo(sql));
        Assert.That(deal.GetProperty("analystNotes").GetString(), Is.EqualTo(script));
    }

    [Test]
    public async Task Create_ByReviewer_Is403()
    {
        using var reviewer = Api.Reviewer(out _);
        var response = await reviewer.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task AnyEndpoint_WithoutToken_Is401()
    {
        using var anonymous = Api.CreateClient();
        Assert.That((await anonymous.GetAsync("/api/v1/deals")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal())).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
