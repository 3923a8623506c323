using System.Linq.Expressions;
using Alerts.Domain;

namespace Alerts.Application.Rules;

/// <summary>An alert rule as the API returns it.</summary>
public sealed record RuleView(
    Guid Id,
    RuleKind Kind,
    string? Ticker,
    Guid? PortfolioId,
    decimal Threshold,
    bool Armed,
    decimal? LastValue,
    DateTimeOffset? LastObservedAt,
    DateTimeOffset? LastTriggeredAt,
    DateTimeOffset CreatedAt)
{
    public static readonly Expression<Func<AlertRule, RuleView>> Projection = r => new RuleView(
        r.Id, r.Kind, r.Ticker, r.PortfolioId, r.Threshold, r.Armed, r.LastValue, r.LastObservedAt, r.LastTriggeredAt, r.CreatedAt);
}
