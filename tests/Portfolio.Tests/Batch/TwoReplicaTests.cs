using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Application.Batch;

namespace Portfolio.Tests.Batch;

/// <summary>A second portfolio host on the same database and broker vhost: the batch's queue is shared, so the two split the portfolios.</summary>
public sealed class TwoReplicaTests
{
    private ExtraHost<PortfolioApiFactory> _host = null!;

    private PortfolioApiFactory Second => _host.Factory;

    [OneTimeSetUp]
    public async Task StartSecondReplica() => _host = await ExtraHost<PortfolioApiFactory>.StartAsync((key, jwks) => new PortfolioApiFactory(key, jwks));

    [OneTimeTearDown]
    public async Task StopSecondReplica() => await _host.DisposeAsync();

    [Test]
    public async Task RiskMetrics_OnTwoReplicas_EachPortfolioCalculatedOnceAndTheWorkSplit()
    {
        using var analyst = TestSupport.Factory.Analyst(out _);
        using var admin = TestSupport.Factory.Admin(out _);
        var mine = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            mine.Add(await BatchSupport.NewBookAsync(analyst));
        }

        var date = BatchSupport.NewDate();
        await admin.RunAsync(BatchJobs.RiskMetrics, date);

        var items = await BatchSupport.ItemsAsync(BatchJobs.RiskMetrics, date, mine);
        Assert.That(items.Select(i => i.PortfolioId), Is.EquivalentTo(mine));
        Assert.That(items.Select(i => i.Status), Is.All.EqualTo(BatchItemRow.Done));
        var workers = new[] { TestSupport.Factory.Services.GetRequiredService<BatchWorker>().Name, Second.Services.GetRequiredService<BatchWorker>().Name };
        var byWorker = items.GroupBy(i => i.Worker).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Out.WriteLine(string.Join(", ", byWorker.Select(w => $"{w.Key}: {w.Value}")));
        Assert.That(byWorker.Keys, Is.SubsetOf(workers));
        Assert.That(byWorker.Keys, Has.Count.EqualTo(2), "both replicas took part");
        var calculations = await TestSupport.Factory.WithDbAsync(db => db.Calculations.AsNoTracking().Where(c => mine.Contains(c.PortfolioId))
            .GroupBy(c => c.PortfolioId).Select(g => g.Count()).ToListAsync());
        Assert.That(calculations, Has.Count.EqualTo(mine.Count));
        Assert.That(calculations, Is.All.EqualTo(1), "no portfolio is calculated twice");
    }
}
