using Platform.SharedKernel;

namespace Portfolio.Domain.Modeling;

public static class ModelingErrors
{
    public static readonly Error SessionNotFound = Error.NotFound("modeling.session_not_found", "No modeling session with this id (or it expired).");
    public static readonly Error TradeNotFound = Error.NotFound("modeling.trade_not_found", "No trade with this id in this session.");
    public static readonly Error ScenarioNotFound = Error.NotFound("modeling.scenario_not_found", "No saved scenario with this id.");
    public static readonly Error ExportNotFound = Error.NotFound("export.not_found", "No export with this id.");
    public static readonly Error Stale = Error.PreconditionFailed("modeling.stale", "The session has changed since you read it; reload it and try again.");
    public static readonly Error VersionRequired = Error.PreconditionRequired("modeling.version_required",
        "Send If-Match with the session's ETag, so a concurrent change is not overwritten.");
    public static readonly Error TooManyTrades = Error.Rule("modeling.too_many_trades", $"A session holds at most {ModelingSession.MaxTrades} trades.");
    public static readonly Error NoTrades = Error.Rule("modeling.no_trades", "The session has no trades to export.");
    public static readonly Error NoPrices = Error.Rule("modeling.no_prices",
        "No prices are stored for the book's symbols yet; wait for the market-data sync.");

    public const int NameMaxLength = 100;
}
