using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.MarketData;
using Platform.Contracts.Portfolio;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>
/// Evaluates the VaR rules on the portfolio, only those of the portfolio's owner: a rule someone
/// made on another person's portfolio id must never tell them that portfolio's risk.
/// </summary>
public sealed class PortfolioRiskCalculatedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<PortfolioRiskCalculated, AlertsDb>(db)
{
    protected override async Task HandleAsync(PortfolioRiskCalculated message, ConsumeContext<PortfolioRiskCalculated> context)
    {
        var rules = await Db.Rules
            .Where(r => r.Kind == RuleKind.VarAbove && r.PortfolioId == message.PortfolioId && r.OwnerId == message.OwnerId)
            .ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        var alerts = rules
            .Where(rule => rule.Observe(message.ValueAtRisk, message.AsOf, now) == RuleOutcome.Fired)
            .Select(rule => Alert.Create(rule.OwnerId, AlertSeverity.Critical, AlertCategory.Risk,
                $"VaR of {message.PortfolioName} above {PricesUpdatedConsumer.Format(rule.Threshold)}",
                $"The {message.ConfidenceLevel:P1} value at risk of {message.PortfolioName} is {PricesUpdatedConsumer.Format(message.ValueAtRisk)} {message.Currency} " +
                $"as of {message.AsOf:u}, above your threshold of {PricesUpdatedConsumer.Format(rule.Threshold)}.",
                AlertSubject.Portfolio(message.PortfolioId), rule.AlertSourceFor(message.EventId), now))
            .ToList();
        await Db.AddAlertsAsync(alerts, context.CancellationToken);
    }
}
