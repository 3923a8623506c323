using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>The deal review as the web front end drives it: demo users, real processes, gateway only.</summary>
public sealed class DealFlowTests
{
    private HttpClient _analyst = null!;
    private HttpClient _reviewer = null!;

    [OneTimeSetUp]
    public async Task SignInAsync()
    {
        _analyst = await Platform.SignedInAsync("analyst@platform.local", "Meadow-Copper-2026!");
        _reviewer = await Platform.SignedInAsync("reviewer@platform.local", "Harbor-Quartz-2026!");
    }

    [OneTimeTearDown]
    public void SignOut()
    {
        _analyst.Dispose();
        _reviewer.Dispose();
    }



    [Test]
    public async Task AnalystCreatesAndSubmits_ReviewerApproves_AllThroughTheGateway()
    {
        // A symbol marketdata knows: deals checks every ticker with it.
        const string ticker = "KO";
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deals")
        {
            Content = JsonContent.Create(new
            {
                name = "Globex to acquire Initech",
                type = "acquisition",
                targetName = "Initech",
                targetTicker = ticker,
                acquirerName = "Globex",
                announcedOn = "2026-09-01",
                expectedCloseOn = "2027-03-31",
                currency = "USD",
                dealValue = 4_200_000_000m,
                offerPricePerShare = 31.25m,
                currentTargetPrice = 30.10m,
                pricesAsOf = "2026-11-20",
                probabilityOfClose = 0.9m,
            }),
        };
        create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var created = await Platform.OkJsonAsync(await _analyst.SendAsync(create), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var submitted = await Platform.OkJsonAsync(await _analyst.PostAsync($"/api/v1/deals/{id}/submit", null));
        Assert.That(submitted.GetProperty("reviewStatus").GetString(), Is.EqualTo("pendingReview"));

        // The analyst cannot approve (role); the reviewer can, naming the version they read.
        Assert.That((await _analyst.PostAsync($"/api/v1/deals/{id}/approve", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var review = new { comment = "Spread and terms verified." };
        await (await _reviewer.PostAsJsonAsync($"/api/v1/deals/{id}/approve", review)).AssertProblemAsync(HttpStatusCode.PreconditionRequired, "deal.version_required");
        using var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/deals/{id}/approve") { Content = JsonContent.Create(review) };
        approve.Headers.TryAddWithoutValidation("If-Match", $"\"{submitted.GetProperty("version").GetUInt32()}\"");
        var approved = await Platform.OkJsonAsync(await _reviewer.SendAsync(approve));
        Assert.That(approved.GetProperty("reviewStatus").GetString(), Is.EqualTo("approved"));

        var seenByAnalyst = await Platform.OkJsonAsync(await _analyst.GetAsync($"/api/v1/deals/{id}"));
        Assert.That(seenByAnalyst.GetProperty("reviewComment").GetString(), Is.EqualTo("Spread and terms verified."));

        var history = await Platform.OkJsonAsync(await _reviewer.GetAsync($"/api/v1/deals/{id}/audit"));
        Assert.That(history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()),
            Is.EqualTo(new[] { "created", "updated", "updated" }));
    }

    [Test]
    public async Task ImportLargerThanTheGatewayDefaultBodyLimit_PassesOnTheImportRoute()
    {
        // A real ticker (deals checks it with marketdata, once for the whole file) and a sector of this
        // run's own, to find exactly these rows again.
        const string ticker = "PEP";
        var sector = "Bulk-" + Guid.NewGuid().ToString("N")[..8];
        var notes = new string('n', 600);
        var csv = new StringBuilder("name,type,targetName,targetTicker,sector,announcedOn,currency,analystNotes\r\n");
        for (var i = 0; i < 2_000; i++)
        {
            csv.Append($"Bulk {i},merger,Target {i},{ticker},{sector},2026-01-15,USD,{notes}\r\n");
        }

        Assert.That(csv.Length, Is.GreaterThan(1024 * 1024), "more than the gateway's 1 MiB default");
        var imported = await Platform.OkJsonAsync(await _analyst.PostAsync("/api/v1/deals/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")));
        Assert.That(imported.GetProperty("imported").GetInt32(), Is.EqualTo(2_000));

        var export = await _analyst.GetAsync($"/api/v1/deals/export?sector={sector}");
        Assert.That(export.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2_001));
    }

    [Test]
    public async Task OversizedJsonToDeals_IsRefusedAtTheGateway()
    {
        var body = new StringContent("{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        var response = await _analyst.PostAsync("/api/v1/deals", body);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Test]
    public async Task DealsOpenApi_IsPublishedThroughTheGateway()
    {
        using var anonymous = Platform.CreateClient();
        var document = await Platform.OkJsonAsync(await anonymous.GetAsync("/openapi/deals/v1.json"));
        Assert.That(document.GetProperty("paths").TryGetProperty("/api/v1/deals/{id}/approve", out _), Is.True);
    }
}
