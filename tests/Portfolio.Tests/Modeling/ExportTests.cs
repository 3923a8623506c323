using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Modeling;

/// <summary>Trade exports of saved scenarios and sessions: FIX 4.4 read back by a parser, CSV, the history, owner-only.</summary>
public sealed class ExportTests
{
    [Test]
    public async Task FixExport_OfAScenario_IsOneNewOrderSinglePerTrade_WithValidFraming()
    {
        using var owner = Factory.Analyst(out _);
        using var other = Factory.Admin(out _);
        var (symbol, _, sessionId, etag) = await owner.StartAsync();
        (_, etag) = await owner.AddTradeAsync(sessionId, etag, new { symbol, quantity = 10, price = 101.5m });
        (_, etag) = await owner.AddTradeAsync(sessionId, etag, new { symbol, side = "sell", quantity = 5 });
        await owner.AddTradeAsync(sessionId, etag, new { symbol = $"{symbol}270618P00095500", quantity = 2, price = 3.25m });
        var scenario = await owner.SaveScenarioAsync(sessionId, "Hedge into year end");
        Assert.That(scenario.GetProperty("impacts").GetProperty("after").GetProperty("exposure").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));

        var export = await CreateExportAsync(owner, new { scenarioId = scenario.Str("id"), format = "fix" });
        using var download = await owner.GetAsync($"/api/v1/exports/{export.Str("id")}/download");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var messages = FixTestParser.Parse(Encoding.ASCII.GetString(bytes));

        Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(export.Str("sha256")));
        Assert.That((export.GetProperty("tradeCount").GetInt32(), export.GetProperty("sizeBytes").GetInt64()), Is.EqualTo((3, bytes.LongLength)));
        Assert.That(messages, Has.Count.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            for (var i = 0; i < 3; i++)
            {
                var m = messages[i];
                Assert.That(m.Take(3).Select(f => f.Tag), Is.EqualTo(new[] { 8, 9, 35 }));
                Assert.That((m.Value(8), m.Value(35), m.Value(34), m.Value(59)), Is.EqualTo(("FIX.4.4", "D", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "0")));
                Assert.That(m.Select(f => f.Tag), Is.SupersetOf(new[] { 49, 56, 52, 11, 55, 54, 38, 40, 60, 10 }));
            }

            Assert.That((messages[0].Value(55), messages[0].Value(54), messages[0].Value(38), messages[0].Value(40), messages[0].Value(44)), Is.EqualTo((symbol, "1", "10", "2", "101.5")));
            Assert.That((messages[1].Value(54), messages[1].Value(38), messages[1].Value(40)), Is.EqualTo(("2", "5", "1")));
            Assert.That(messages[1].Select(f => f.Tag), Does.Not.Contain(44), "a market order has no price");
            Assert.That((messages[2].Value(55), messages[2].Value(167), messages[2].Value(200), messages[2].Value(205), messages[2].Value(201), messages[2].Value(202)),
                Is.EqualTo((symbol, "OPT", "202706", "18", "0", "95.5")));
        }

        using var notTheirs = await other.GetAsync($"/api/v1/exports/{export.Str("id")}");
        await notTheirs.AssertProblemAsync(HttpStatusCode.NotFound, "export.not_found");
        using var notTheirFile = await other.GetAsync($"/api/v1/exports/{export.Str("id")}/download");
        await notTheirFile.AssertProblemAsync(HttpStatusCode.NotFound, "export.not_found");
        using var notTheirScenario = await other.PostAsJsonAsync("/api/v1/exports", new { scenarioId = scenario.Str("id"), format = "csv" });
        await notTheirScenario.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.scenario_not_found");
    }

    [Test]
    public async Task CsvExport_OfASession_AndTheHistory_NewestFirst()
    {
        using var owner = Factory.RiskManager(out _);
        var (symbol, _, sessionId, etag) = await owner.StartAsync();
        await owner.AddTradeAsync(sessionId, etag, new { symbol, quantity = -7 });

        var first = await CreateExportAsync(owner, new { sessionId, format = "csv" });
        var second = await CreateExportAsync(owner, new { sessionId, format = "fix" });
        using var download = await owner.GetAsync($"/api/v1/exports/{first.Str("id")}/download");
        var csv = await download.Content.ReadAsStringAsync();

        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(csv.Split("\r\n")[1], Does.EndWith($",{symbol},{symbol},sell,7,market,,equity,,,"));
        var history = await owner.GetJsonAsync("/api/v1/exports?pageSize=10");
        Assert.That(history.Items().Select(e => (e.Str("id"), e.Str("format"))), Is.EqualTo(new[] { (second.Str("id"), "fix"), (first.Str("id"), "csv") }));
        Assert.That(history.Items().All(e => e.TryGetProperty("storageKey", out _)), Is.False, "the storage key stays server-side");
        Assert.That((await owner.GetJsonAsync($"/api/v1/exports/{first.Str("id")}")).Str("sha256"), Is.EqualTo(first.Str("sha256")));
    }

    [Test]
    public async Task BadExports_AreProblems()
    {
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        var (sessionId, _) = await owner.CreateSessionAsync(portfolio.Id());

        using (var format = await owner.PostAsJsonAsync("/api/v1/exports", new { sessionId, format = "xml" }))
        {
            await format.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "format");
        }

        using (var both = await owner.PostAsJsonAsync("/api/v1/exports", new { sessionId, scenarioId = Guid.NewGuid(), format = "csv" }))
        {
            await both.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "scenarioId");
        }

        using (var empty = await owner.PostAsJsonAsync("/api/v1/exports", new { sessionId, format = "csv" }))
        {
            await empty.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "modeling.no_trades");
        }

        using (var unknown = await owner.GetAsync($"/api/v1/exports/{Guid.NewGuid()}/download"))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "export.not_found");
        }

        Assert.That((await owner.GetJsonAsync("/api/v1/exports")).GetProperty("totalCount").GetInt64(), Is.Zero);
    }

    private static async Task<System.Text.Json.JsonElement> CreateExportAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/exports", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }
}
