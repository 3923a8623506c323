using System.Globalization;
using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.MarketData;
using Platform.Messaging;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>Evaluates the price rules of each quoted ticker; a rule that fires alerts its owner.</summary>
public sealed class PricesUpdatedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<PricesUpdated, AlertsDb>(db)
{
    protected override async Task HandleAsync(PricesUpdated message, ConsumeContext<PricesUpdated> context)
    {
        // A quote without a ticker or price is a publisher's bug: retrying cannot fix it.
        if (message.Quotes is null || message.Quotes.Any(q => q is null || string.IsNullOrWhiteSpace(q.Ticker)))
        {
            throw new PermanentMessageException("PricesUpdated has a quote without a ticker.");
        }

        // Times are stored in UTC: a publisher's local offset (16:00-05:00) is the same instant, not an error.
        var quotes = message.Quotes.Select(q => q with { Ticker = q.Ticker.Trim().ToUpperInvariant(), AsOf = q.AsOf.ToUniversalTime() }).OrderBy(q => q.AsOf).ToList();
        var tickers = quotes.Select(q => q.Ticker).Distinct().ToList();
        var rules = await Db.Rules
            .Where(r => (r.Kind == RuleKind.PriceAbove || r.Kind == RuleKind.PriceBelow) && r.Ticker != null && tickers.Contains(r.Ticker))
            .ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        var alerts = new List<Alert>();
        foreach (var quote in quotes)
        {
            foreach (var rule in rules.Where(r => r.Ticker == quote.Ticker))
            {
                if (rule.Observe(quote.Price, quote.AsOf, now) == RuleOutcome.Fired)
                {
                    var direction = rule.Kind == RuleKind.PriceAbove ? "above" : "below";
                    alerts.Add(Alert.Create(rule.OwnerId, AlertSeverity.Warning, AlertCategory.Market,
                        $"{quote.Ticker} {direction} {Format(rule.Threshold)}",
                        $"{quote.Ticker} traded at {Format(quote.Price)} {quote.Currency} as of {quote.AsOf:u}, {direction} your threshold of {Format(rule.Threshold)}.",
                        AlertSubject.Ticker(quote.Ticker), rule.AlertSourceFor(message.EventId), now));
                }
            }
        }

        await Db.AddAlertsAsync(alerts, context.CancellationToken);
    }

    internal static string Format(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
