using Platform.SharedKernel;

namespace Alerts.Domain;

public static class AlertErrors
{
    public static readonly Error NotFound = Error.NotFound("alert.not_found", "You have no alert with this id.");
    public static readonly Error RuleNotFound = Error.NotFound("alert_rule.not_found", "You have no alert rule with this id.");
    public static readonly Error RuleLimit = Error.Rule("alert_rule.limit_reached", $"A user may have at most {AlertRule.MaxRulesPerOwner} alert rules; delete one first.");
    public static readonly Error UserRequired = Error.Forbidden("alert.user_required", "Alerts belong to signed-in users, not to service clients.");
    public static readonly Error InvalidLastEventId = Error.Validation(new Dictionary<string, string[]>
    {
        ["lastEventId"] = ["Must be the id of an event this stream sent (a non-negative integer)."],
    });
}
