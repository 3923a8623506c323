using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portfolio.Tests.Risk;

internal static class RiskSupport
{
    public static async Task<JsonElement> AddPositionAsync(this HttpClient client, string portfolioId, string symbol, decimal quantity, decimal entryPrice,
        string? currency = null, string[]? tags = null, string? strategyId = null, string entryDate = "2026-01-05")
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/portfolios/{portfolioId}/positions", new
        {
            symbol, quantity, entryPrice, entryDate, currency, tags, strategyId,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> CalculateAsync(this HttpClient client, string portfolioId)
    {
        using var response = await client.PostAsync($"/api/v1/risk/portfolios/{portfolioId}/calculate", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static decimal Dec(this JsonElement element, string name) => element.GetProperty(name).GetDecimal();

    public static JsonElement Tail(this JsonElement report, string kind, decimal confidence, int horizon) =>
        report.GetProperty("risk").GetProperty(kind).EnumerateArray()
            .Single(t => t.GetProperty("confidence").GetDecimal() == confidence && t.GetProperty("horizonDays").GetInt32() == horizon);
}
