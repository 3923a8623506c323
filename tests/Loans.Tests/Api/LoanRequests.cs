using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Loans.Tests.Api;

/// <summary>Valid bodies and small HTTP helpers shared by the API tests.</summary>
public static class LoanRequests
{
    /// <summary>A floating-rate USD term-loan product with wide ranges, created once per test run under a fresh code.</summary>
    public static async Task<string> CreateProductAsync(Action<Dictionary<string, object?>>? change = null)
    {
        var code = "TL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var body = new Dictionary<string, object?>
        {
            ["code"] = code,
            ["name"] = "Senior secured term loan",
            ["currency"] = "USD",
            ["rateType"] = "floating",
            ["minRatePercent"] = 1.0m,
            ["maxRatePercent"] = 6.0m,
            ["minTermMonths"] = 12,
            ["maxTermMonths"] = 120,
            ["active"] = true,
        };
        change?.Invoke(body);
        using var admin = LoansService.Factory.Admin(out _);
        var response = await admin.PostAsJsonAsync("/api/v1/loan-products", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return code;
    }

    public static Dictionary<string, object?> NewBooking(string productCode, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["borrower"] = "Northwind Logistics LLC",
            ["productCode"] = productCode,
            ["facilityType"] = "termLoan",
            ["principal"] = 25_000_000.00m,
            ["currency"] = "USD",
            ["rateType"] = "floating",
            ["benchmark"] = "sofr",
            ["marginBps"] = 275,
            ["startDate"] = "2026-06-30",
            ["maturityDate"] = "2031-06-30",
            ["repaymentFrequency"] = "quarterly",
            ["fees"] = new object[] { new { kind = "upfront", bps = 50 }, new { kind = "agency", amount = 50_000.00m } },
            ["covenants"] = new object[] { new { kind = "maxLeverage", value = 3.5m } },
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> CreateBookingAsync(this HttpClient officer, string productCode, Action<Dictionary<string, object?>>? change = null)
    {
        var response = await officer.PostAsJsonAsync("/api/v1/loan-bookings", NewBooking(productCode, change));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static string Id(this JsonElement booking) => booking.GetProperty("id").GetString()!;

    public static string ETag(this JsonElement booking) => $"\"{booking.GetProperty("version").GetUInt32()}\"";

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? ifMatch, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }

    /// <summary>Submits as the officer and returns the submitted booking.</summary>
    public static async Task<JsonElement> SubmitAsync(this HttpClient officer, JsonElement booking) =>
        await (await officer.SendAsync(HttpMethod.Post, $"/api/v1/loan-bookings/{booking.Id()}/submit", booking.ETag())).ReadJsonAsync();

    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? errorCode = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        if (errorCode is not null)
        {
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errorCode").GetString(), Is.EqualTo(errorCode), text);
        }
    }
}
