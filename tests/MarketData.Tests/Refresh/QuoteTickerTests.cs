using Microsoft.EntityFrameworkCore;
using static MarketData.Tests.TestSupport;

namespace MarketData.Tests.Refresh;

/// <summary>Intraday ticking, off in the other tests, turned on here in a second replica of the service.</summary>
[NonParallelizable]
public sealed class QuoteTickerTests
{
    [Test]
    public async Task WithATickInterval_QuotesMove_AndEachTickPublishesTheChangedOnes()
    {
        var started = DateTimeOffset.UtcNow;
        await using var ticking = new MarketDataApiFactory(MarketDataService.Key, MarketDataService.JwksUri, MarketDataService.Database,
            settings: new Dictionary<string, string> { ["MarketData:QuoteTickInterval"] = "00:00:01" });
        using var client = ticking.Analyst();
        var before = await client.GetJsonAsync("/api/v1/market-data/quotes?symbols=SPY");

        // Simulated quotes move every 5 s; ticks run every second.
        var tick = await Polling.UntilAsync(
            () => WithDbAsync(db => db.Database.SqlQuery<string>($"""
                SELECT payload::text AS "Value" FROM marketdata.outbox_messages
                WHERE message_type LIKE '%PricesUpdated' AND occurred_at > {started}
                ORDER BY sequence DESC LIMIT 1
                """).ToListAsync()),
            events => events.Count > 0,
            "a tick's PricesUpdated", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(250));

        var quotes = System.Text.Json.JsonDocument.Parse(tick[0]).RootElement.GetProperty("quotes").EnumerateArray().ToList();
        Assert.That(quotes, Is.Not.Empty);
        Assert.That(quotes.Select(q => q.GetProperty("asOf").GetDateTimeOffset()), Has.All.GreaterThan(started.AddSeconds(-10)));
        var after = await Polling.UntilAsync(
            () => client.GetJsonAsync("/api/v1/market-data/quotes?symbols=SPY"),
            q => q[0].GetProperty("asOf").GetString() != before[0].GetProperty("asOf").GetString(),
            "SPY's quote to move", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(250));
        Assert.That(after[0].GetProperty("asOf").GetDateTimeOffset(), Is.GreaterThan(before[0].GetProperty("asOf").GetDateTimeOffset()));
        Assert.That(after[0].GetProperty("change").GetDecimal(), Is.EqualTo(after[0].GetProperty("price").GetDecimal() - after[0].GetProperty("previousClose").GetDecimal()));
    }
}
