using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Jobs;
using Platform.Jobs;
using Platform.Messaging.Outbox;
using Portfolio.Application.Batch;
using Portfolio.Application.Snapshots;
using Portfolio.Tests.Risk;

namespace Portfolio.Tests.Batch;

public sealed class BatchRunTests
{
    [Test]
    public async Task Snapshots_RunTwiceForOneDate_OneSnapshotPerPortfolio()
    {
        using var analyst = TestSupport.Factory.Analyst(out _);
        using var admin = TestSupport.Factory.Admin(out _);
        Guid[] mine = [await BatchSupport.NewBookAsync(analyst), await BatchSupport.NewBookAsync(analyst)];
        var date = BatchSupport.NewDate();

        var first = await admin.RunAsync(BatchJobs.Snapshots, date);
        var snapshots = await BatchSupport.SnapshotsAsync(mine);
        Assert.That(snapshots, Has.Count.EqualTo(2));
        Assert.That(snapshots.Select(s => s.BusinessDate), Is.All.EqualTo(date));
        Assert.That(snapshots.Select(s => s.MarketValue), Is.All.GreaterThan(0m));
        Assert.That(snapshots.Select(s => s.Positions), Is.All.EqualTo(1));
        Assert.That(first.GetProperty("itemsDone").GetInt32(), Is.EqualTo(first.GetProperty("itemsTotal").GetInt32()));
        Assert.That(first.GetProperty("items").GetProperty("done").GetInt32(), Is.GreaterThanOrEqualTo(2));

        // A plain re-run finds everything done for the date; a recompute redoes it in place.
        var again = await admin.RunAsync(BatchJobs.Snapshots, date);
        Assert.That(await BatchSupport.SnapshotsAsync(mine), Has.Count.EqualTo(2));
        Assert.That((await BatchSupport.SnapshotsAsync(mine)).Select(s => s.JobId), Is.All.EqualTo(first.GetProperty("id").GetGuid()));
        await admin.RunAsync(BatchJobs.Snapshots, date, recompute: true);
        var recomputed = await BatchSupport.SnapshotsAsync(mine);
        Assert.That(recomputed, Has.Count.EqualTo(2));
        Assert.That(recomputed.Select(s => s.JobId), Is.All.Not.EqualTo(first.GetProperty("id").GetGuid()).And.Not.EqualTo(again.GetProperty("id").GetGuid()));
        Assert.That(recomputed.Select(s => s.MarketValue), Is.EquivalentTo(snapshots.Select(s => s.MarketValue)));
    }

    [Test]
    public async Task RiskMetrics_RunTwice_OneCalculationPerPortfolioForTheDate()
    {
        using var analyst = TestSupport.Factory.Analyst(out _);
        using var admin = TestSupport.Factory.Admin(out _);
        var book = await BatchSupport.NewBookAsync(analyst);
        var date = BatchSupport.NewDate();

        var run = await admin.RunAsync(BatchJobs.RiskMetrics, date);
        await admin.RunAsync(BatchJobs.RiskMetrics, date);

        var calculations = await TestSupport.Factory.WithDbAsync(db => db.Calculations.AsNoTracking().Where(c => c.PortfolioId == book).ToListAsync());
        Assert.That(calculations, Has.Count.EqualTo(1));
        Assert.That(calculations[0].CalculatedBy, Is.EqualTo($"batch:{run.GetProperty("id").GetGuid()}"));
        Assert.That(calculations[0].ValueAtRisk99OneDay, Is.GreaterThan(0m));
    }

    [Test]
    public async Task RiskMetrics_FromTheRunWideHistory_GivesTheOnDemandCalculationsFigures()
    {
        using var analyst = TestSupport.Factory.Analyst(out _);
        using var admin = TestSupport.Factory.Admin(out _);
        var book = await BatchSupport.NewBookAsync(analyst);
        await BatchSupport.AddSeededNameAsync(analyst, book, -50m);
        var date = BatchSupport.NewDate();

        var run = await admin.RunAsync(BatchJobs.RiskMetrics, date);
        var batch = await TestSupport.Factory.WithDbAsync(db => db.Calculations.AsNoTracking()
            .SingleAsync(c => c.PortfolioId == book && c.CalculatedBy == $"batch:{run.GetProperty("id").GetGuid()}"));
        var onDemand = await analyst.CalculateAsync(book.ToString());

        // Every figure that needs history: tails, delta-normal VaR, statistics, beta, factors and the scenario window.
        // Stored as jsonb, which orders keys its own way: compared as JSON, not as text.
        var batchRisk = JsonDocument.Parse(batch.Result).RootElement.GetProperty("risk");
        Assert.That(JsonElement.DeepEquals(batchRisk, onDemand.GetProperty("risk")), Is.True, $"batch {batchRisk}\non demand {onDemand.GetProperty("risk")}");
        Assert.That(onDemand.GetProperty("risk").GetProperty("parametric").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task RiskMetrics_NameBoughtAfterTheRunLoadedItsHistory_IsReadForThatPortfolio()
    {
        using var analyst = TestSupport.Factory.Analyst(out _);
        var book = await BatchSupport.NewBookAsync(analyst);
        await using var scope = TestSupport.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Portfolio.Application.Persistence.PortfolioDb>();
        var runHistory = await scope.ServiceProvider.GetRequiredService<RunHistory>().ForRunAsync(db, Guid.NewGuid(), CancellationToken.None);

        var days = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Portfolio.Application.Risk.RiskOptions>>().Value.HistoryDays;
        var held = await db.Positions.AsNoTracking().Where(p => p.PortfolioId == book).Select(p => p.Underlying).FirstAsync();
        Assert.That(runHistory.Covers([held], days), Is.True, "the run's history covers a name held when it was loaded");
        Assert.That(runHistory.Covers([held], days - 1), Is.False, "a shorter window is not covered: For keeps the run's window");

        var bought = await BatchSupport.AddSeededNameAsync(analyst, book, 300m);
        Assert.That(runHistory.Covers([bought], days), Is.False, "the run's history was loaded before the name was held");
        var portfolio = await db.Portfolios.AsNoTracking().SingleAsync(p => p.Id == book);
        var calculated = await scope.ServiceProvider.GetRequiredService<Portfolio.Application.Risk.RiskCalculator>()
            .CalculateAsync(portfolio, "test", CancellationToken.None, runHistory);

        Assert.That(calculated.IsSuccess, Is.True);
        var onDemand = await analyst.CalculateAsync(book.ToString());
        var fromRun = JsonSerializer.SerializeToElement(calculated.Value.Risk, Portfolio.Application.Risk.RiskCalculator.Json);
        Assert.That(JsonElement.DeepEquals(fromRun, onDemand.GetProperty("risk")), Is.True, $"the new name's scenarios count, as on demand:\n{fromRun}\n{onDemand.GetProperty("risk")}");
    }

    [Test]
    public async Task CrashedRun_RequeuedByTheRunner_ResumesWithoutRedoingFinishedPortfolios()
    {
        using var analyst = TestSupport.Factory.Analyst(out _);
        using var admin = TestSupport.Factory.Admin(out _);
        var (done, pending) = (await BatchSupport.NewBookAsync(analyst), await BatchSupport.NewBookAsync(analyst));
        var date = BatchSupport.NewDate();
        var crashed = Guid.CreateVersion7();
        // The state a replica leaves when it dies mid-run: one portfolio finished (its snapshot and item committed
        // together), the job still running under a lease nobody renews.
        await TestSupport.Factory.WithDbAsync(async db =>
        {
            db.Set<PortfolioSnapshotRow>().Add(new PortfolioSnapshotRow { PortfolioId = done, BusinessDate = date, Currency = "EUR", MarketValue = 42m, JobId = crashed, ComputedAt = DateTimeOffset.UtcNow });
            db.Set<BatchItemRow>().Add(new BatchItemRow { JobType = BatchJobs.Snapshots, BusinessDate = date, PortfolioId = done, Status = BatchItemRow.Done, JobId = crashed, Worker = "dead", FinishedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            const string noParameters = "{}";
            return await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO portfolio.jobs (id, type, business_date, status, parameters, requested_by, created_at, started_at, items_done, items_total,
                    item_errors, item_error_count, timeout, attempts, lease_owner, lease_expires_at)
                VALUES ({crashed}, {BatchJobs.Snapshots}, {date}, 'running', {noParameters}::jsonb, 'test', now(), now(), 1, 2, '[]'::jsonb, 0, interval '5 minutes', 1,
                    'dead-replica', now() - interval '1 minute')
                """);
        });

        var run = await admin.WaitAsync(crashed);

        Assert.That(run.Str("status"), Is.EqualTo("succeeded"), run.ToString());
        Assert.That(run.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
        var snapshots = (await BatchSupport.SnapshotsAsync([done, pending])).ToDictionary(s => s.PortfolioId);
        Assert.That(snapshots[done].MarketValue, Is.EqualTo(42m), "a portfolio finished before the crash is not redone");
        Assert.That(snapshots[pending].MarketValue, Is.GreaterThan(0m).And.Not.EqualTo(42m));
        Assert.That(snapshots[pending].JobId, Is.EqualTo(crashed));
    }

    [Test]
    public async Task FailedRun_RaisesJobFailedForTheAlerts()
    {
        using var admin = TestSupport.Factory.Admin(out _);
        // Parameters the API refuses but a stored schedule could hold: the handler throws.
        Guid id;
        await using (var scope = TestSupport.Factory.Services.CreateAsyncScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<IJobs>().EnqueueAsync(BatchJobs.Retention, new RetentionParams(0), BatchSupport.NewDate(), "test")).Value;
        }

        var run = await admin.WaitAsync(id);

        Assert.That(run.Str("status"), Is.EqualTo("failed"), run.ToString());
        var failed = await TestSupport.Factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType == typeof(JobFailed).FullName && m.AggregateId == id).CountAsync());
        Assert.That(failed, Is.EqualTo(1));
    }

    [Test]
    public async Task BatchEndpoints_AreForAdminsOnly()
    {
        using var analyst = TestSupport.Factory.Analyst(out _);
        using var riskManager = TestSupport.Factory.RiskManager(out _);
        using var anonymous = TestSupport.Factory.CreateClient();
        using var admin = TestSupport.Factory.Admin(out _);

        foreach (var client in new[] { analyst, riskManager })
        {
            using var start = await client.PostAsync("/api/v1/portfolios/admin/batch/snapshots", null);
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            using var list = await client.GetAsync("/api/v1/portfolios/admin/batch/runs");
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        using (var start = await anonymous.PostAsync("/api/v1/portfolios/admin/batch/snapshots", null))
        {
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (var unknown = await admin.PostAsync("/api/v1/portfolios/admin/batch/nightly-everything", null))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "batch.unknown_job");
        }

        using (var missing = await admin.GetAsync($"/api/v1/portfolios/admin/batch/runs/{Guid.NewGuid()}"))
        {
            await missing.AssertProblemAsync(HttpStatusCode.NotFound, "batch.run_not_found");
        }

        using (var badPage = await admin.GetAsync("/api/v1/portfolios/admin/batch/runs?pageSize=201"))
        {
            await badPage.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "pageSize");
        }

        using (var demo = await admin.PostAsync("/api/v1/portfolios/admin/demo/reset", null))
        {
            Assert.That(demo.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "demo data exists in Development only");
        }

        var date = BatchSupport.NewDate();
        var id = await admin.StartAsync(BatchJobs.MarketDataSync, date);
        var runs = await admin.GetJsonAsync($"/api/v1/portfolios/admin/batch/runs?job={BatchJobs.MarketDataSync}&pageSize=5");
        Assert.That(runs.Items().Select(r => r.GetProperty("id").GetGuid()), Does.Contain(id));
        await admin.WaitAsync(id);
    }
}
