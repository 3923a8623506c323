using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Portfolio;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>
/// A broken risk limit is a critical alert for the portfolio's owner and for every active admin (who can
/// change limits and positions of any portfolio). The portfolio service announces each breach once.
/// </summary>
public sealed class RiskLimitBreachedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<RiskLimitBreached, AlertsDb>(db)
{
    protected override async Task HandleAsync(RiskLimitBreached message, ConsumeContext<RiskLimitBreached> context)
    {
        var admins = await Db.ActiveAdminsAsync(context.CancellationToken);
        var (title, body) = Describe(message);
        var now = clock.GetUtcNow();
        var alerts = admins.Append(message.OwnerId).Distinct()
            .Select(recipient => Alert.Create(recipient, AlertSeverity.Critical, AlertCategory.Risk, title, body,
                AlertSubject.Portfolio(message.PortfolioId), message.EventId, now))
            .ToList();
        await Db.AddAlertsAsync(alerts, context.CancellationToken);
    }

    private static (string Title, string Body) Describe(RiskLimitBreached m)
    {
        var threshold = PricesUpdatedConsumer.Format(m.Threshold);
        var actual = PricesUpdatedConsumer.Format(m.Actual);
        var (what, unit) = m.Limit switch
        {
            "grossExposure" => ("gross exposure", $" {m.Currency}"),
            "netExposure" => ("net exposure", $" {m.Currency}"),
            "valueAtRisk" => ("1-day 99% value at risk", $" {m.Currency}"),
            "concentration" => ($"concentration in {m.Symbol ?? "one name"}", "% of gross exposure"),
            "dollarDelta" => ("dollar delta", $" {m.Currency}"),
            _ => (m.Limit, string.Empty),
        };
        return ($"{m.PortfolioName}: {what} limit broken",
            $"The {what} of {m.PortfolioName} is {actual}{unit}, above its limit of {threshold}{unit} (calculation {m.CalculationId}, {m.AsOf:u}).");
    }
}
