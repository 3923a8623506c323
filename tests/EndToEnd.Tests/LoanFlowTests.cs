using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>A loan from term sheet to booked, as the front end drives it: demo users, real processes, gateway only, alerts by event.</summary>
public sealed class LoanFlowTests
{
    private const string TermSheet = """
        SUMMARY OF TERMS AND CONDITIONS

        Borrower: Larkspur Cold Storage LLC
        Facility: Senior secured term loan
        Commitment: USD 18,500,000
        Interest: Term SOFR plus 2.90% per annum
        Maturity Date: 31 March 2031
        """;

    [Test]
    public async Task OfficerUploadsAndSubmits_ReviewerApproves_OfficerIsAlertedAndBooks()
    {
        using var admin = await Platform.SignedInAsync("admin@platform.local", "Granite-Ledger-2026!");
        using var officer = await Platform.SignedInAsync("officer@platform.local", "Juniper-Anchor-2026!");
        using var reviewer = await Platform.SignedInAsync("reviewer@platform.local", "Harbor-Quartz-2026!");
        using var analyst = await Platform.SignedInAsync("analyst@platform.local", "Meadow-Copper-2026!");

        var code = "E2E-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await Platform.OkJsonAsync(await admin.PostAsJsonAsync("/api/v1/loan-products", new
        {
            code, name = "Cold-chain term loan", currency = "USD", rateType = "floating", minRatePercent = 1.5m, maxRatePercent = 5m, minTermMonths = 12, maxTermMonths = 120,
        }), HttpStatusCode.Created);
        var products = await Platform.OkJsonAsync(await officer.GetAsync("/api/v1/loan-products"));
        Assert.That(products.EnumerateArray().Select(p => p.GetProperty("code").GetString()), Does.Contain(code));

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/loan-bookings")
        {
            Content = JsonContent.Create(new
            {
                borrower = "Larkspur Cold Storage LLC", productCode = code, facilityType = "termLoan", principal = 18_500_000m, currency = "USD",
                rateType = "floating", benchmark = "sofr", marginBps = 290, startDate = "2026-03-31", maturityDate = "2031-03-31", repaymentFrequency = "quarterly",
            }),
        };
        create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var booking = await Platform.OkJsonAsync(await officer.SendAsync(create), HttpStatusCode.Created);
        var id = booking.GetProperty("id").GetString();
        Assert.That((await analyst.GetAsync($"/api/v1/loan-bookings/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(TermSheet));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "larkspur-terms.txt");
        var document = await Platform.OkJsonAsync(await officer.PostAsync($"/api/v1/loan-bookings/{id}/documents", form), HttpStatusCode.Created);
        var extraction = await Polling.UntilAsync(
            async () => await Platform.OkJsonAsync(await officer.GetAsync($"/api/v1/loan-bookings/{id}/documents/{document.GetProperty("id").GetString()}/extraction")),
            e => e.GetProperty("status").GetString() != "pending", "the document's extraction", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        Assert.That(extraction.GetProperty("status").GetString(), Is.EqualTo("extracted"));
        var sheet = await Platform.OkJsonAsync(await officer.GetAsync($"/api/v1/loan-bookings/{id}/booking-sheet"));
        Assert.That(sheet.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()), Does.Contain("borrower"));

        var submitted = await Platform.OkJsonAsync(await officer.PostAsync($"/api/v1/loan-bookings/{id}/submit", null));
        using var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/loan-bookings/{id}/approve") { Content = JsonContent.Create(new { comment = "Within appetite." }) };
        approve.Headers.TryAddWithoutValidation("If-Match", $"\"{submitted.GetProperty("version").GetUInt32()}\"");
        var approved = await Platform.OkJsonAsync(await reviewer.SendAsync(approve));
        Assert.That(approved.GetProperty("status").GetString(), Is.EqualTo("approved"));

        var alert = await Polling.UntilAsync(
            async () => (await Platform.OkJsonAsync(await officer.GetAsync("/api/v1/alerts?category=loan&status=all"))).GetProperty("items").EnumerateArray()
                .FirstOrDefault(a => a.GetProperty("subjectId").GetString() == id && a.GetProperty("title").GetString() == "Loan booking approved"),
            a => a.ValueKind == JsonValueKind.Object, "the officer's approval alert", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        Assert.That(alert.GetProperty("message").GetString(), Does.Contain("Larkspur Cold Storage LLC"));

        var booked = await Platform.OkJsonAsync(await officer.PostAsync($"/api/v1/loan-bookings/{id}/book", null));
        Assert.That(booked.GetProperty("status").GetString(), Is.EqualTo("booked"));
    }
}
