using System.Diagnostics.Metrics;
using Deals.Application.Tickers;
using Platform.SharedKernel;

namespace Deals.Application.Review;

/// <summary>
/// The review workflow's business metrics (meter <c>Platform.Deals</c>), counted only once the
/// transition is saved, so a stale or refused request never shows up as a reviewed deal; and the
/// calls to marketdata about tickers, by outcome (<c>known</c>, <c>unknown</c>, <c>unavailable</c>).
/// </summary>
public sealed class DealsMetrics
{
    public const string MeterName = "Platform.Deals";

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _approved;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _tickerChecks;

    public DealsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _submitted = meter.CreateCounter<long>("platform.deals.submitted", "{deal}", "Deals submitted for review");
        _approved = meter.CreateCounter<long>("platform.deals.approved", "{deal}", "Deals approved by a reviewer");
        _rejected = meter.CreateCounter<long>("platform.deals.rejected", "{deal}", "Deals rejected by a reviewer");
        _tickerChecks = meter.CreateCounter<long>("platform.deals.ticker_checks", "{call}", "Calls to marketdata about a ticker, by outcome");
    }

    internal void Submitted() => _submitted.Add(1);

    internal void Approved() => _approved.Add(1);

    internal void Rejected() => _rejected.Add(1);

    internal void TickerChecked(TickerLookup outcome) => _tickerChecks.Add(1, new KeyValuePair<string, object?>("outcome", EnumText.Name(outcome)));
}
