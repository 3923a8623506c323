using MarketData.Application.Persistence;
using MarketData.Application.Refresh;
using MarketData.Infrastructure.Providers.Simulated;
using Microsoft.EntityFrameworkCore;
using static MarketData.Tests.TestSupport;

namespace MarketData.Tests.Refresh;

/// <summary>The end-of-day refresh on the real database: idempotent, never deleting, all-or-nothing per symbol, resumable.</summary>
[NonParallelizable]
public sealed class RefreshTests
{
    private static DateOnly LastSession => MarketCalendar.LastClosedSession(DateTimeOffset.UtcNow);

    [Test]
    public async Task SeedRefresh_FillsHistoryYearsOfEverySeedSymbol_WithTheSimulatedNumbers()
    {
        var spy = await WithDbAsync(db => db.Assets.SingleAsync(a => a.Symbol == "SPY"));
        var bars = await WithDbAsync(db => db.Bars.Where(b => b.AssetId == spy.Id).OrderBy(b => b.Date).ToListAsync());

        Assert.That(bars[0].Date, Is.EqualTo(MarketCalendar.TradingDayOnOrBefore(LastSession.AddYears(-MarketDataApiFactory.HistoryYears))).Or.GreaterThan(LastSession.AddYears(-MarketDataApiFactory.HistoryYears)));
        Assert.That(bars[^1].Date, Is.EqualTo(LastSession));
        // Every weekday between the first and the last, none missing.
        Assert.That(bars, Has.Count.EqualTo(WeekdaysBetween(bars[0].Date, bars[^1].Date)));
        var expected = SimulatedMarket.Bars(SimulatedUniverse.Find("SPY")!, bars[^1].Date, bars[^1].Date).Single();
        Assert.That(bars[^1].Close, Is.EqualTo(expected.Close));
    }

    [Test]
    public async Task RerunOfTheSameDate_ChangesNothing_AndAddsNoRow()
    {
        var before = await CountsAsync();
        var job = await RefreshAsync(LastSession);
        var after = await CountsAsync();

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task AFailingSymbol_WritesNothingForIt_RecordsWhy_AndTheOthersAreRefreshed()
    {
        var date = LastSession;
        await DeleteBarsAsync("KO", date);
        await DeleteBarsAsync("XOM", date);
        Factory.Bars.Failing["KO"] = "503 from the vendor";
        try
        {
            var job = await RefreshAsync(date, "KO", "XOM");

            Assert.That(job.GetProperty("itemErrorCount").GetInt32(), Is.EqualTo(1));
            Assert.That(job.GetProperty("itemErrors")[0].GetProperty("itemKey").GetString(), Is.EqualTo("KO"));
            Assert.That(await HasBarAsync("KO", date), Is.False);
            Assert.That(await HasBarAsync("XOM", date), Is.True);
            using var admin = Factory.Admin();
            var ko = await admin.GetJsonAsync("/api/v1/assets/KO");
            Assert.That(ko.GetProperty("lastRefreshError").GetString(), Does.Contain("503 from the vendor"));
        }
        finally
        {
            Factory.Bars.Failing.TryRemove("KO", out _);
        }

        await RefreshAsync(date, "KO");
        Assert.That(await HasBarAsync("KO", date), Is.True);
    }

    [Test]
    public async Task AnUnsoundPayload_IsRefusedWhole_NotPartlyStored()
    {
        var date = LastSession;
        // Five days missing, so the answer has several bars of which only the last is bad.
        await DeleteBarsAsync("CVX", date.AddDays(-7));
        var before = await WithDbAsync(db => db.Bars.CountAsync(b => db.Assets.Any(a => a.Symbol == "CVX" && a.Id == b.AssetId)));
        Factory.Bars.Garbage["CVX"] = true;
        try
        {
            var job = await RefreshAsync(date, "CVX");
            Assert.That(job.GetProperty("itemErrors")[0].GetProperty("message").GetString(), Does.Contain("high/low"));
        }
        finally
        {
            Factory.Bars.Garbage.TryRemove("CVX", out _);
        }

        Assert.That(await WithDbAsync(db => db.Bars.CountAsync(b => db.Assets.Any(a => a.Symbol == "CVX" && a.Id == b.AssetId))), Is.EqualTo(before));
        await RefreshAsync(date, "CVX");
    }

    [Test]
    public async Task ARunThatStoppedHalfWay_IsResumedByTheNext_WithoutGaps()
    {
        var date = LastSession;
        // As if the last run died after BAC and before JPM: BAC is current, JPM is a month behind.
        await DeleteBarsAsync("JPM", date.AddDays(-30));
        await RefreshAsync(date, "JPM", "BAC");

        var jpm = await WithDbAsync(db => db.Bars.Where(b => db.Assets.Any(a => a.Symbol == "JPM" && a.Id == b.AssetId)).OrderBy(b => b.Date).Select(b => b.Date).ToListAsync());
        Assert.That(jpm[^1], Is.EqualTo(date));
        Assert.That(jpm, Has.Count.EqualTo(WeekdaysBetween(jpm[0], jpm[^1])), "no weekday is missing");
    }

    [Test]
    public async Task TheRefresh_PublishesOnePricesUpdatedWithEveryClose()
    {
        var before = await OutboxCountAsync();
        await RefreshAsync(LastSession);

        var events = await WithDbAsync(db => db.Database.SqlQuery<string>($"""
            SELECT payload AS "Value" FROM marketdata.outbox_messages
            WHERE message_type LIKE '%PricesUpdated' ORDER BY sequence DESC LIMIT 1
            """).ToListAsync());
        Assert.That(await OutboxCountAsync(), Is.EqualTo(before + 1));
        var quotes = System.Text.Json.JsonDocument.Parse(events[0]).RootElement.GetProperty("quotes");
        var active = await WithDbAsync(db => db.Assets.CountAsync(a => a.Active));
        Assert.That(quotes.GetArrayLength(), Is.EqualTo(active));
    }

    [Test]
    public async Task PartitionsExistPerYear_AndAreCreatedForAYearWithoutOne()
    {
        var years = await WithDbAsync(db => BarPartitions.ListAsync(db, CancellationToken.None));
        Assert.That(years, Does.Contain(LastSession.Year).And.Contain(LastSession.Year + 1));

        var spy = await WithDbAsync(db => db.Assets.SingleAsync(a => a.Symbol == "SPY"));
        await WithDbAsync(db => BarStore.UpsertAsync(db, [(spy.Id, new MarketData.Domain.DailyBar(new DateOnly(1999, 12, 31), 1, 1, 1, 1, 1, 0))], CancellationToken.None));
        Assert.That(await WithDbAsync(db => BarPartitions.ListAsync(db, CancellationToken.None)), Does.Contain(1999));
        await WithDbAsync(db => db.Bars.Where(b => b.Date == new DateOnly(1999, 12, 31)).ExecuteDeleteAsync());
    }

    private static int WeekdaysBetween(DateOnly from, DateOnly to) =>
        Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).Count(MarketCalendar.IsTradingDay);

    private static Task<(int Bars, int Quotes, int Fx, int Options)> CountsAsync() => WithDbAsync(async db =>
        (await db.Bars.CountAsync(), await db.Quotes.CountAsync(), await db.FxRates.CountAsync(), await db.OptionQuotes.CountAsync()));

    private static Task<int> OutboxCountAsync() => WithDbAsync(db => db.Database.SqlQuery<int>($"""
        SELECT count(*)::int AS "Value" FROM marketdata.outbox_messages WHERE message_type LIKE '%PricesUpdated'
        """).SingleAsync());

    private static Task<int> DeleteBarsAsync(string symbol, DateOnly from) =>
        WithDbAsync(db => db.Bars.Where(b => b.Date >= from && db.Assets.Any(a => a.Symbol == symbol && a.Id == b.AssetId)).ExecuteDeleteAsync());

    private static Task<bool> HasBarAsync(string symbol, DateOnly date) =>
        WithDbAsync(db => db.Bars.AnyAsync(b => b.Date == date && db.Assets.Any(a => a.Symbol == symbol && a.Id == b.AssetId)));
}
