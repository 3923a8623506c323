using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Modeling;

/// <summary>Sessions, trades and the market the modeling tests need.</summary>
internal static class ModelingSupport
{
    /// <summary>A fresh symbol priced at 100 then 101, a portfolio of the client's and a session on it.</summary>
    public static async Task<(string Symbol, JsonElement Portfolio, string SessionId, string ETag)> StartAsync(this HttpClient owner)
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [100m, 101m]);
        var portfolio = await owner.CreatePortfolioAsync();
        var (sessionId, etag) = await owner.CreateSessionAsync(portfolio.Id());
        return (symbol, portfolio, sessionId, etag);
    }

    public static async Task<(string Id, string ETag)> CreateSessionAsync(this HttpClient client, string portfolioId, string? name = "What if")
    {
        using var response = await client.PostAsJsonAsync("/api/v1/modeling/sessions", new { portfolioId, name });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return (JsonDocument.Parse(text).RootElement.Str("id"), response.Headers.ETag!.ToString());
    }

    /// <summary>Adds a trade with If-Match; asserts 200 and returns the session and its new ETag.</summary>
    public static async Task<(JsonElement Session, string ETag)> AddTradeAsync(this HttpClient client, string sessionId, string etag, object trade)
    {
        using var response = await client.SendAsync(HttpMethod.Post, $"/api/v1/modeling/sessions/{sessionId}/trades", etag, trade);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag!.ToString());
    }

    public static async Task<string> ETagOfSessionAsync(this HttpClient client, string sessionId)
    {
        using var response = await client.GetAsync($"/api/v1/modeling/sessions/{sessionId}");
        await response.ReadJsonAsync();
        return response.Headers.ETag!.ToString();
    }

    public static Task<JsonElement> ImpactsAsync(this HttpClient client, string sessionId) =>
        client.GetJsonAsync($"/api/v1/modeling/sessions/{sessionId}/impacts");

    public static async Task<JsonElement> SaveScenarioAsync(this HttpClient client, string sessionId, string name)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/modeling/sessions/{sessionId}/scenarios", new { name });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// SPY's closes, the market every beta is measured against: seeded once (a deterministic walk) and then
    /// read back, so tests and reruns on the same database agree on them.
    /// </summary>
    public static async Task<List<decimal>> MarketClosesAsync()
    {
        await MarketSeeding.WaitAsync();
        try
        {
            return await SeedMarketOnceAsync();
        }
        finally
        {
            MarketSeeding.Release();
        }
    }

    private static readonly SemaphoreSlim MarketSeeding = new(1, 1);

    private static async Task<List<decimal>> SeedMarketOnceAsync()
    {
        var stored = await StoredClosesAsync("SPY");
        if (stored.Count >= 300)
        {
            return stored;
        }

        var random = new Random(20261205);
        var returns = Enumerable.Range(0, 299).Select(_ => (decimal)((random.NextDouble() - 0.5) * 0.03)).ToArray();
        await PortfolioService.Factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM portfolio.instruments WHERE symbol = 'SPY'"));
        await MarketSeed.SeedAsync("SPY", "USD", [.. MarketSeed.FromReturns(500m, returns).Select(c => Math.Round(c, 4))], "ETF");
        return await StoredClosesAsync("SPY");
    }

    /// <summary>A new stock moving <paramref name="beta"/> times the market plus its own noise, on the market's days.</summary>
    public static async Task<string> SeedStockAsync(IReadOnlyList<decimal> market, double beta, double noise, decimal start, int seed)
    {
        var symbol = MarketSeed.NewSymbol();
        var random = new Random(seed);
        var returns = Enumerable.Range(1, market.Count - 1)
            .Select(i => (decimal)((beta * (double)((market[i] / market[i - 1]) - 1)) + ((random.NextDouble() - 0.5) * noise))).ToArray();
        await MarketSeed.SeedAsync(symbol, "USD", [.. MarketSeed.FromReturns(start, returns).Select(c => Math.Round(c, 4))]);
        return symbol;
    }

    private static Task<List<decimal>> StoredClosesAsync(string symbol) =>
        PortfolioService.Factory.WithDbAsync(db => db.Closes.AsNoTracking().Where(c => c.Symbol == symbol && c.Date <= MarketSeed.LastDate)
            .OrderBy(c => c.Date).Select(c => c.Close).ToListAsync());
}

/// <summary>A small FIX reader for the tests: splits on SOH and checks BodyLength and CheckSum of every message.</summary>
internal static class FixTestParser
{
    public static List<List<(int Tag, string Value)>> Parse(string file)
    {
        var messages = new List<List<(int, string)>>();
        var position = 0;
        while (position < file.Length)
        {
            var bodyLengthField = file.IndexOf("\u00019=", position, StringComparison.Ordinal) + 1;
            var bodyStart = file.IndexOf('\u0001', bodyLengthField) + 1;
            var bodyLength = int.Parse(file[(bodyLengthField + 2)..(bodyStart - 1)], System.Globalization.CultureInfo.InvariantCulture);
            var checkSumField = bodyStart + bodyLength;
            Assert.That(file.Substring(checkSumField, 3), Is.EqualTo("10="), "BodyLength ends right before 10=");
            var end = file.IndexOf('\u0001', checkSumField) + 1;
            var expected = System.Text.Encoding.ASCII.GetBytes(file[position..checkSumField]).Sum(b => b) % 256;
            Assert.That(file[(checkSumField + 3)..(end - 1)], Is.EqualTo(expected.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), "CheckSum");
            messages.Add([.. file[position..end].Split('\u0001', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split('=', 2)).Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1]))]);
            position = end;
        }

        return messages;
    }

    public static string Value(this List<(int Tag, string Value)> message, int tag) => message.Single(f => f.Tag == tag).Value;
}
