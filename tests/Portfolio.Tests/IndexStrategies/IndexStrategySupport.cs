using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.IndexStrategies;

internal static class IndexStrategySupport
{
    /// <summary>A valid definition over <paramref name="symbols"/> with a unique name; pass changes with <paramref name="change"/>.</summary>
    public static Dictionary<string, object?> NewDefinition(string[] symbols, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = $"Index {Guid.NewGuid():N}"[..18],
            ["description"] = "Equal-weighted test basket",
            ["symbols"] = symbols,
            ["weighting"] = "equalWeight",
            ["maxTurnover"] = 1m,
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<(JsonElement Strategy, string ETag)> CreateStrategyAsync(this HttpClient client, string[] symbols, Action<Dictionary<string, object?>>? change = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/index-strategies", NewDefinition(symbols, change));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag!.ToString());
    }

    /// <summary>Seeds symbols (each with a fresh name) with the given closes ending on <see cref="MarketSeed.LastDate"/>.</summary>
    public static async Task<string[]> SeedBasketAsync(params (string Currency, IReadOnlyList<decimal> Closes)[] assets)
    {
        var symbols = new string[assets.Length];
        for (var i = 0; i < assets.Length; i++)
        {
            symbols[i] = MarketSeed.NewSymbol();
            await MarketSeed.SeedAsync(symbols[i], assets[i].Currency, assets[i].Closes);
        }

        return symbols;
    }

    /// <summary>A rate of <paramref name="from"/> in <paramref name="to"/> on a date (currency codes of the test's own, so no other test's rates interfere).</summary>
    public static Task SeedFxAsync(string from, string to, DateOnly date, decimal rate) =>
        Factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO portfolio.fx_rates (base_currency, quote_currency, date, rate) VALUES ({from}, {to}, {date}, {rate}) ON CONFLICT (base_currency, quote_currency, date) DO UPDATE SET rate = excluded.rate");
            return 0;
        });

    public static Task<HttpResponseMessage> SimulateAsync(this HttpClient client, string id, object body) =>
        client.PostAsJsonAsync($"/api/v1/index-strategies/{id}/simulate", body);

    public static async Task<JsonElement> SimulateOkAsync(this HttpClient client, string id, object body)
    {
        using var response = await client.SimulateAsync(id, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<int> ClosesOfAsync(string symbol) => Factory.WithDbAsync(db => db.Closes.CountAsync(c => c.Symbol == symbol));

    public static Task AddInstrumentWithoutClosesAsync(string symbol) =>
        Factory.WithDbAsync(async db =>
        {
            db.Instruments.Add(new InstrumentRow { Symbol = symbol, Name = symbol, Type = "equity", Currency = "USD", UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return 0;
        });
}
