using Deals.Application.Tickers;

namespace Deals.Tests.Tickers;

public sealed class TickerCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    private static TickerCheck NewCheck() => (TickerCheck)Activator.CreateInstance(typeof(TickerCheck), nonPublic: true)!;

    [Test]
    public void Record_FailedAgain_DoublesTheDelayUpToTheCap()
    {
        var check = NewCheck();
        var delays = new List<TimeSpan>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            check.Record(TickerLookup.Unavailable, Now, First, Max);
            delays.Add(check.NextCheckAt!.Value - Now);
        }

        Assert.That(delays, Is.EqualTo(new[] { 30, 60, 120, 240, 300, 300 }.Select(s => TimeSpan.FromSeconds(s))));
        Assert.That(check.Status, Is.EqualTo(TickerStatus.Unverified));
    }

    [TestCase(TickerLookup.Known, TickerStatus.Verified)]
    [TestCase(TickerLookup.Unknown, TickerStatus.Unknown)]
    public void Record_AnAnswer_EndsTheRetries(TickerLookup answer, TickerStatus status)
    {
        var check = NewCheck();
        check.Record(TickerLookup.Unavailable, Now, First, Max);

        check.Record(answer, Now, First, Max);

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo(status));
            Assert.That(check.NextCheckAt, Is.Null);
            Assert.That(check.Attempts, Is.Zero);
        });
    }
}
