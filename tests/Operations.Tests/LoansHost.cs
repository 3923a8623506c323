using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.SharedKernel;
using Platform.Testing;

namespace Operations.Tests;

/// <summary>The loans service in process on the database a test names, with the shared broker and cache.</summary>
public sealed class LoansHost(string postgres) : ServiceApiFactory<Program>("loans", OperationsFixture.Key, OperationsFixture.JwksUri)
{
    private readonly string _storageRoot = Path.Combine(Path.GetTempPath(), "operations-tests-storage", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Postgres", postgres);
        builder.UseSetting("Auth:Client:Id", "loans");
        builder.UseSetting("Auth:Client:Secret", "loans-test-secret");
        builder.UseSetting("Storage:Provider", "FileSystem");
        builder.UseSetting("Storage:FileSystem:Root", _storageRoot);
    }

    /// <summary>A product (as an admin) and a booking submitted for approval (as an officer): rows, a sequence number and outbox events.</summary>
    public async Task<JsonElement> SubmitBookingAsync()
    {
        var code = "OPS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var admin = ClientFor(out _, PlatformRoles.Admin);
        await ReadAsync(await admin.PostAsJsonAsync("/api/v1/loan-products", new
        {
            code, name = "Operations drill term loan", currency = "USD", rateType = "floating",
            minRatePercent = 1.0m, maxRatePercent = 6.0m, minTermMonths = 12, maxTermMonths = 120, active = true,
        }), HttpStatusCode.Created);
        using var officer = ClientFor(out _, PlatformRoles.LoanOfficer);
        var draft = await ReadAsync(await officer.PostAsJsonAsync("/api/v1/loan-bookings", new
        {
            borrower = "Contoso Freight Ltd", productCode = code, facilityType = "termLoan", principal = 12_500_000.00m,
            currency = "USD", rateType = "floating", benchmark = "sofr", marginBps = 250, startDate = "2026-06-30",
            maturityDate = "2031-06-30", repaymentFrequency = "quarterly",
        }), HttpStatusCode.Created);
        return await SubmitAsync(officer, draft);
    }

    public static async Task<JsonElement> SubmitAsync(HttpClient officer, JsonElement booking)
    {
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/loan-bookings/{booking.GetProperty("id").GetString()}/submit");
        submit.Headers.TryAddWithoutValidation("If-Match", ETag(booking));
        return await ReadAsync(await officer.SendAsync(submit), HttpStatusCode.OK);
    }

    /// <summary>A booking as a reviewer reads it.</summary>
    public async Task<JsonElement> GetBookingAsync(string id)
    {
        using var reviewer = ClientFor(out _, PlatformRoles.Reviewer);
        return await ReadAsync(await reviewer.GetAsync($"/api/v1/loan-bookings/{id}"), HttpStatusCode.OK);
    }

    public static string ETag(JsonElement booking) => $"\"{booking.GetProperty("version").GetUInt32()}\"";

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_storageRoot))
        {
            Directory.Delete(_storageRoot, recursive: true);
        }
    }
}
