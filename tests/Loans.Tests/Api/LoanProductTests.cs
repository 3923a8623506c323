using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Loans.Tests.Api;

/// <summary>Products through the shared Redis cache: a change is seen at once, by this replica and by another.</summary>
public sealed class LoanProductTests
{
    [Test]
    public async Task AdminChange_IsSeenAtOnce_ByEveryReplica()
    {
        var code = await LoanRequests.CreateProductAsync();
        await using var otherReplica = LoansService.CreateFactory();
        using var officerHere = LoansService.Factory.Officer(out _);
        using var officerThere = otherReplica.Officer(out _);
        using var admin = LoansService.Factory.Admin(out _);

        // Both replicas read (and so cache) the list before the change.
        Assert.That(await NamesAsync(officerHere), Does.ContainKey(code));
        Assert.That(await NamesAsync(officerThere), Does.ContainKey(code));

        var product = await (await officerHere.GetAsync($"/api/v1/loan-products/{code.ToLowerInvariant()}")).ReadJsonAsync();
        var etag = $"\"{product.GetProperty("version").GetUInt32()}\"";
        var renamed = await admin.SendAsync(HttpMethod.Put, $"/api/v1/loan-products/{code}", etag, new
        {
            name = "Renamed term loan", currency = "USD", rateType = "floating", minRatePercent = 1.5m, maxRatePercent = 5m, minTermMonths = 12, maxTermMonths = 84, active = true,
        });
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await renamed.Content.ReadAsStringAsync());

        Assert.That((await NamesAsync(officerHere))[code], Is.EqualTo("Renamed term loan"));
        Assert.That((await NamesAsync(officerThere))[code], Is.EqualTo("Renamed term loan"));

        var stale = await admin.SendAsync(HttpMethod.Put, $"/api/v1/loan-products/{code}", etag, new
        {
            name = "Lost update", currency = "USD", rateType = "floating", minRatePercent = 1.5m, maxRatePercent = 5m, minTermMonths = 12, maxTermMonths = 84, active = true,
        });
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "loan_product.stale");
    }

    [Test]
    public async Task Retired_Product_IsHiddenFromTheDefaultList_AndRefusesNewBookings()
    {
        var code = await LoanRequests.CreateProductAsync(p => p["active"] = false);
        using var officer = LoansService.Factory.Officer(out _);
        Assert.That(await NamesAsync(officer), Does.Not.ContainKey(code));
        var all = await (await officer.GetAsync("/api/v1/loan-products?includeInactive=true")).ReadJsonAsync();
        Assert.That(all.EnumerateArray().Select(p => p.GetProperty("code").GetString()), Does.Contain(code));

        var response = await officer.PostAsJsonAsync("/api/v1/loan-bookings", LoanRequests.NewBooking(code));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("productCode", out _), Is.True, text);
    }

    [Test]
    public async Task OnlyAdmins_MaintainProducts_AndCodesAreUnique()
    {
        var code = await LoanRequests.CreateProductAsync();
        using var officer = LoansService.Factory.Officer(out _);
        using var admin = LoansService.Factory.Admin(out _);
        var body = new { code = "OFFICER-MADE", name = "x", currency = "USD", rateType = "fixed", minRatePercent = 1m, maxRatePercent = 2m, minTermMonths = 1, maxTermMonths = 2 };
        Assert.That((await officer.PostAsJsonAsync("/api/v1/loan-products", body)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var duplicate = await admin.PostAsJsonAsync("/api/v1/loan-products", body with { code = code });
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "loan_product.duplicate_code");

        var invalid = await admin.PostAsJsonAsync("/api/v1/loan-products", body with { code = "../etc", currency = "XXX", minRatePercent = 3m });
        var text = await invalid.Content.ReadAsStringAsync();
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.SupersetOf(new[] { "code", "currency", "maxRatePercent" }));

        await (await officer.GetAsync("/api/v1/loan-products/NO-SUCH")).AssertProblemAsync(HttpStatusCode.NotFound, "loan_product.not_found");
        await (await admin.SendAsync(HttpMethod.Put, $"/api/v1/loan-products/{code}", null, body)).AssertProblemAsync((HttpStatusCode)428, "loan_product.version_required");
    }

    private static async Task<Dictionary<string, string>> NamesAsync(HttpClient client)
    {
        var list = await (await client.GetAsync("/api/v1/loan-products")).ReadJsonAsync();
        return list.EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!, p => p.GetProperty("name").GetString()!);
    }
}
