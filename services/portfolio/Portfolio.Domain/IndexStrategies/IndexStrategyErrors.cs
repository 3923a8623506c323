using Platform.SharedKernel;

namespace Portfolio.Domain.IndexStrategies;

public static class IndexStrategyErrors
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2_000;
    public const int MinSymbols = 2;
    public const int MaxSymbols = 200;
    public const int SymbolMaxLength = 12;

    public static readonly Error NotFound = Error.NotFound("index_strategy.not_found", "No index strategy with this id.");
    public static readonly Error Stale = Error.PreconditionFailed("index_strategy.stale", "It has changed since you read it; reload it and try again.");
    public static readonly Error VersionRequired = Error.PreconditionRequired("index_strategy.version_required",
        "Send If-Match with the ETag you read, so a concurrent change is not overwritten.");
    public static readonly Error DuplicateName = Error.Conflict("index_strategy.duplicate_name", "You already have an index strategy with this name.");

    public static Error StartBeforeData(DateOnly firstAvailable) =>
        Error.Rule("index_strategy.start_before_data",
                $"The start date is before the basket's data: the first date on which every symbol has a close is {firstAvailable:yyyy-MM-dd}.")
            with { Details = new Dictionary<string, object?> { ["firstAvailableDate"] = firstAvailable.ToString("yyyy-MM-dd") } };

    public static Error StartAfterData(DateOnly lastAvailable) =>
        Error.Rule("index_strategy.start_after_data", $"The start date is after the basket's last close ({lastAvailable:yyyy-MM-dd}).")
            with { Details = new Dictionary<string, object?> { ["lastAvailableDate"] = lastAvailable.ToString("yyyy-MM-dd") } };

    public static Error NoHistory(IReadOnlyCollection<string> symbols) =>
        Error.Rule("index_strategy.no_history", $"No closes are stored for {string.Join(", ", symbols)}, and marketdata had none to give.")
            with { Details = new Dictionary<string, object?> { ["symbols"] = symbols } };

    public static Error HistoryUnavailable(IReadOnlyCollection<string> symbols) =>
        Error.Unavailable("index_strategy.history_unavailable",
                $"No closes are stored for {string.Join(", ", symbols)} and marketdata did not answer; try again in a few minutes.")
            with { Details = new Dictionary<string, object?> { ["symbols"] = symbols } };

    public static Error FxUnavailable(IReadOnlyCollection<string> pairs) =>
        Error.Rule("index_strategy.fx_unavailable", $"No FX rate is stored for {string.Join(", ", pairs)}, so the basket cannot be valued in that currency.")
            with { Details = new Dictionary<string, object?> { ["pairs"] = pairs } };

    public static Error UnknownSymbols(IReadOnlyCollection<string> symbols) =>
        Error.Validation(new Dictionary<string, string[]> { ["symbols"] = [$"Marketdata knows no such symbol: {string.Join(", ", symbols)}."] });

    public static readonly Error MarketDataUnavailable = Error.Unavailable("index_strategy.marketdata_unavailable",
        "Some symbols are new to the service and marketdata did not answer to describe them; try again in a few minutes.");
}
