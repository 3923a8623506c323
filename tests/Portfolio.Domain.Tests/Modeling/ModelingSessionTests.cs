using Portfolio.Domain.Modeling;

namespace Portfolio.Domain.Tests.Modeling;

public sealed class ModelingSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Idle = TimeSpan.FromHours(2);

    [Test]
    public void Changes_RestartTheIdleClock_AndExpiryIsAfterIt()
    {
        var session = ModelingSession.Start(Guid.NewGuid(), Guid.NewGuid(), "hedge", Now, Idle);
        var trade = session.AddTrade("AAPL", 10, null, Now.AddHours(1), Idle).Value;

        Assert.That(session.ExpiresAt, Is.EqualTo(Now.AddHours(3)));
        Assert.That(session.IsExpired(Now.AddHours(3).AddTicks(-1)), Is.False);
        Assert.That(session.IsExpired(Now.AddHours(3)), Is.True);

        Assert.That(session.ChangeTrade(trade.Id, "MSFT", -5, 300m, Now, Idle).IsSuccess, Is.True);
        Assert.That(session.Trades.Single(), Is.EqualTo(new HypotheticalTrade(trade.Id, "MSFT", -5, 300m)));
        Assert.That(session.RemoveTrade(trade.Id, Now, Idle).IsSuccess, Is.True);
        Assert.That(session.Trades, Is.Empty);
        Assert.That(session.RemoveTrade(trade.Id, Now, Idle).Error, Is.EqualTo(ModelingErrors.TradeNotFound));
    }

    [Test]
    public void AddTrade_RefusesMoreThanTheMaximum()
    {
        var session = ModelingSession.Start(Guid.NewGuid(), Guid.NewGuid(), null, Now, Idle);
        for (var i = 0; i < ModelingSession.MaxTrades; i++)
        {
            Assert.That(session.AddTrade("AAPL", 1, null, Now, Idle).IsSuccess, Is.True);
        }

        Assert.That(session.AddTrade("AAPL", 1, null, Now, Idle).Error, Is.EqualTo(ModelingErrors.TooManyTrades));
    }
}
