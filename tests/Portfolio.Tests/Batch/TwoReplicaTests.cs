using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Application.Batch;

namespace Portfolio.Tests.Batch;

/// <summary>A second portfolio host on the same database and broker vhost: the batch's queue is shared, so the two split the portfolios.</summary>
public sealed class TwoReplicaTests
{
    private TestSigningKey _key = null!;
    private EchoBackend _jwks = null!;
    private PortfolioApiFactory _second = null!;

    [OneTimeSetUp]
    public async Task StartSecondReplica()
    {
        _key = TestSigningKey.Create();
        _jwks = await EchoBackend.StartAsync(_key);
        _second = new PortfolioApiFactory(_key, _jwks.JwksUri);
        using var warmUp = _second.CreateClient();
        var health = await _second.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        Assert.That(health, Is.EqualTo(BusHealthStatus.Healthy), "the second replica's bus did not start");
    }

    [OneTimeTearDown]
    public async Task StopSecondReplica()
    {
        await _second.DisposeAsync();
        await _jwks.DisposeAsync();
        _key.Dispose();
    }

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
        var workers = new[] { TestSupport.Factory.Services.GetRequiredService<BatchWorker>().Name, _second.Services.GetRequiredService<BatchWorker>().Name };
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
