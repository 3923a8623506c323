using System.Diagnostics.Metrics;

namespace MarketData.Application;

/// <summary>Meter <c>Platform.MarketData</c>: what refreshes wrote, what providers got refused for, where quotes were served from.</summary>
public sealed class MarketDataMetrics : IDisposable
{
    public const string MeterName = "Platform.MarketData";

    private readonly Meter _meter;
    private readonly Counter<long> _bars;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _quotes;

    public MarketDataMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _bars = _meter.CreateCounter<long>("platform.marketdata.bars_written", description: "Daily bars inserted or changed by refreshes.");
        _rejected = _meter.CreateCounter<long>("platform.marketdata.provider_payloads_rejected", description: "Provider answers refused as malformed or unsound; nothing of them was stored.");
        _quotes = _meter.CreateCounter<long>("platform.marketdata.quotes_served", description: "Quotes served, by source (cache or database).");
    }

    public void BarsWritten(int count) => _bars.Add(count);

    public void PayloadRejected(string provider, string capability) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("capability", capability));

    public void QuotesServed(int count, string source) => _quotes.Add(count, new KeyValuePair<string, object?>("source", source));

    public void Dispose() => _meter.Dispose();
}
