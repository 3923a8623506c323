using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// Risk through the gateway on the real processes: a position on a symbol marketdata knows gets its history
/// through portfolio's sync, a calculation breaks a limit, and alerts tells the owner and the admins; the
/// owner's VaR rule fires from the same calculation.
/// </summary>
public sealed class PortfolioRiskFlowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task ABrokenLimit_AlertsOwnerAndAdmin_AndTheOwnersVarRuleFires()
    {
        using var manager = await Platform.SignedInAsync("risk@platform.local", "Cobalt-Lantern-2026!");
        using var admin = await Platform.SignedInAsync("admin@platform.local", "Granite-Ledger-2026!");
        var name = $"E2E risk {Guid.NewGuid():N}"[..20];
        var portfolio = await Platform.OkJsonAsync(
            await manager.PostAsJsonAsync("/api/v1/portfolios", new { name, baseCurrency = "USD", limits = new { grossExposure = 1_000m } }),
            HttpStatusCode.Created);
        var id = portfolio.GetProperty("id").GetString()!;
        await Platform.OkJsonAsync(
            await manager.PostAsJsonAsync($"/api/v1/portfolios/{id}/positions", new { symbol = "SPY", quantity = 100, entryPrice = 400, entryDate = "2026-06-01" }),
            HttpStatusCode.Created);

        // Portfolio's own copy of the closes arrives through its sync (marketdata's many-symbol history).
        var exposures = await Polling.UntilAsync(
            async () => await Platform.OkJsonAsync(await manager.GetAsync($"/api/v1/portfolios/{id}/exposures")),
            e => e.GetProperty("total").GetProperty("positions").GetInt32() == 1,
            $"SPY to be priced from portfolio's sync.\nportfolio:\n{Platform.OutputOf("portfolio")}", Patience, TimeSpan.FromMilliseconds(500));
        Assert.That(exposures.GetProperty("total").GetProperty("gross").GetDecimal(), Is.GreaterThan(1_000m));
        var rule = await Platform.OkJsonAsync(
            await manager.PostAsJsonAsync("/api/v1/alerts/rules", new { kind = "varAbove", portfolioId = id, threshold = 0.01m }), HttpStatusCode.Created);

        var report = await Platform.OkJsonAsync(await manager.PostAsync($"/api/v1/risk/portfolios/{id}/calculate", null), HttpStatusCode.Created);

        var limit = report.GetProperty("limits")[0];
        Assert.That(limit.GetProperty("breached").GetBoolean(), Is.True, report.ToString());
        var var99 = report.GetProperty("risk").GetProperty("historical").EnumerateArray()
            .Single(t => t.GetProperty("confidence").GetDecimal() == 0.99m && t.GetProperty("horizonDays").GetInt32() == 1);
        Assert.That(var99.GetProperty("valueAtRisk").GetDecimal(), Is.GreaterThan(0m));
        Assert.That(report.GetProperty("risk").GetProperty("window").GetProperty("scenarios").GetInt32(), Is.EqualTo(500), "three years of history give 500 scenarios");
        foreach (var (user, who) in new[] { (manager, "owner"), (admin, "admin") })
        {
            var breach = await RiskAlertAsync(user, id, a => a.GetProperty("title").GetString() == $"{name}: gross exposure limit broken", who);
            Assert.That(breach.GetProperty("severity").GetString(), Is.EqualTo("critical"));
        }

        var varAlert = await RiskAlertAsync(manager, id, a => a.GetProperty("title").GetString()!.StartsWith($"VaR of {name} above", StringComparison.Ordinal), "owner's VaR rule");
        Assert.That(varAlert.GetProperty("message").GetString(), Does.Contain("USD"));
        await manager.DeleteAsync($"/api/v1/alerts/rules/{rule.GetProperty("id").GetString()}");
    }

    private static Task<JsonElement> RiskAlertAsync(HttpClient user, string portfolioId, Func<JsonElement, bool> match, string who) =>
        Polling.UntilAsync(
            async () => (await Platform.OkJsonAsync(await user.GetAsync("/api/v1/alerts?category=risk&status=all&pageSize=200")))
                .GetProperty("items").EnumerateArray().FirstOrDefault(a => a.GetProperty("subjectId").GetString() == portfolioId && match(a)),
            alert => alert.ValueKind == JsonValueKind.Object,
            $"the {who}'s risk alert.\nalerts:\n{Platform.OutputOf("alerts")}\nportfolio:\n{Platform.OutputOf("portfolio")}",
            Patience, TimeSpan.FromMilliseconds(500));
}
