using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Storage;
using Portfolio.Application.Batch;
using Portfolio.Application.Snapshots;

namespace Portfolio.Tests.Batch;

public sealed class RetentionTests
{
    [Test]
    public async Task Retention_KeepsTheLast365Days_ArchivesOlderOnesReadableBack()
    {
        using var analyst = TestSupport.Factory.Analyst(out _);
        using var admin = TestSupport.Factory.Admin(out _);
        var book = Guid.Parse((await analyst.CreatePortfolioAsync()).Id());
        // Before every other test's dates (2040 on), so the sweep touches only what this test wrote.
        var date = new DateOnly(2031, 6, 2);
        int[] ages = [400, 366, 365, 364, 10, 0];
        await TestSupport.Factory.WithDbAsync(async db =>
        {
            db.Set<PortfolioSnapshotRow>().AddRange(ages.Select(age => new PortfolioSnapshotRow
            {
                PortfolioId = book, BusinessDate = date.AddDays(-age), AsOf = date.AddDays(-age), Currency = "EUR", MarketValue = 1000m + age,
                FactorBetas = """{"market":1.1}""", ComputedAt = DateTimeOffset.UtcNow,
            }));
            return await db.SaveChangesAsync();
        });

        var run = await admin.RunAsync(BatchJobs.Retention, date);
        await admin.RunAsync(BatchJobs.Retention, date);

        var kept = (await BatchSupport.SnapshotsAsync([book])).Select(s => date.DayNumber - s.BusinessDate.DayNumber);
        Assert.That(kept, Is.EquivalentTo(new[] { 364, 10, 0 }));
        var runId = run.GetProperty("id").GetGuid();
        var archives = await TestSupport.Factory.WithDbAsync(db => db.Set<SnapshotArchiveRow>().AsNoTracking().Where(a => a.JobId == runId).ToListAsync());
        Assert.That(archives, Is.Not.Empty);
        var store = TestSupport.Factory.Services.GetRequiredService<IDocumentStore>();
        var archived = new List<PortfolioSnapshotRow>();
        foreach (var archive in archives)
        {
            var rows = await SnapshotRetention.ReadArchiveAsync(store, archive.DocumentKey, CancellationToken.None);
            Assert.That(rows, Has.Count.EqualTo(archive.RowCount));
            Assert.That(rows.Select(r => r.BusinessDate), Is.All.InRange(archive.FromDate, archive.ToDate));
            archived.AddRange(rows.Where(r => r.PortfolioId == book));
        }

        Assert.That(archived.Select(r => date.DayNumber - r.BusinessDate.DayNumber), Is.EquivalentTo(new[] { 400, 366, 365 }));
        Assert.That(archived.Single(r => r.BusinessDate == date.AddDays(-400)).MarketValue, Is.EqualTo(1400m));
        Assert.That(archived.Select(r => JsonDocument.Parse(r.FactorBetas).RootElement.GetProperty("market").GetDecimal()), Is.All.EqualTo(1.1m));
    }
}
