using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Batch;
using Portfolio.Application.Snapshots;
using Portfolio.Tests.Risk;

namespace Portfolio.Tests.Batch;

internal static class BatchSupport
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A business date no other test uses: runs are one per job and date, and results are per date.</summary>
    public static DateOnly NewDate() => new DateOnly(2040, 1, 1).AddDays(Random.Shared.Next(0, 20_000));

    /// <summary>An analyst's portfolio holding 100 of a freshly seeded symbol (30 closes ending on <see cref="MarketSeed.LastDate"/>).</summary>
    public static async Task<Guid> NewBookAsync(HttpClient owner)
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "EUR", MarketSeed.FromReturns(100m, [.. Enumerable.Range(0, 29).Select(i => i % 2 == 0 ? 0.01m : -0.008m)]));
        var portfolio = await owner.CreatePortfolioAsync();
        await owner.AddPositionAsync(portfolio.Id(), symbol, 100m, 90m);
        return Guid.Parse(portfolio.Id());
    }

    /// <summary>Adds <paramref name="quantity"/> of another freshly seeded symbol (its own returns) to the book; returns the symbol.</summary>
    public static async Task<string> AddSeededNameAsync(HttpClient owner, Guid portfolio, decimal quantity)
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "EUR", MarketSeed.FromReturns(50m, [.. Enumerable.Range(0, 29).Select(i => i % 3 == 0 ? -0.02m : 0.012m)]));
        await owner.AddPositionAsync(portfolio.ToString(), symbol, quantity, 45m);
        return symbol;
    }

    /// <summary>Starts a batch job; asserts 202 with the run's Location; returns the run id.</summary>
    public static async Task<Guid> StartAsync(this HttpClient admin, string job, DateOnly date, bool recompute = false, int? keepDays = null)
    {
        using var response = await admin.PostAsJsonAsync($"/api/v1/portfolios/admin/batch/{job}", new { businessDate = date, recompute, keepDays });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/portfolios/admin/batch/runs/{id}"));
        return id;
    }

    /// <summary>Follows the run until it is neither queued nor running; returns its last view.</summary>
    public static Task<JsonElement> WaitAsync(this HttpClient admin, Guid runId) =>
        Polling.UntilAsync(() => admin.GetJsonAsync($"/api/v1/portfolios/admin/batch/runs/{runId}"),
            run => run.Str("status") is not ("queued" or "running"), $"batch run {runId} to end", RunTimeout, TimeSpan.FromMilliseconds(200));

    public static async Task<JsonElement> RunAsync(this HttpClient admin, string job, DateOnly date, bool recompute = false, int? keepDays = null)
    {
        var run = await admin.WaitAsync(await admin.StartAsync(job, date, recompute, keepDays));
        Assert.That(run.Str("status"), Is.EqualTo("succeeded"), run.ToString());
        return run;
    }

    public static Task<List<PortfolioSnapshotRow>> SnapshotsAsync(IReadOnlyCollection<Guid> portfolios) =>
        TestSupport.Factory.WithDbAsync(db => db.Set<PortfolioSnapshotRow>().AsNoTracking().Where(s => portfolios.Contains(s.PortfolioId)).ToListAsync());

    public static Task<List<BatchItemRow>> ItemsAsync(string job, DateOnly date, IReadOnlyCollection<Guid> portfolios) =>
        TestSupport.Factory.WithDbAsync(db => db.Set<BatchItemRow>().AsNoTracking()
            .Where(i => i.JobType == job && i.BusinessDate == date && portfolios.Contains(i.PortfolioId)).ToListAsync());
}
