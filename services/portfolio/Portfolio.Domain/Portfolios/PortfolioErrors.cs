using Platform.SharedKernel;

namespace Portfolio.Domain.Portfolios;

public static class PortfolioErrors
{
    public static readonly Error NotFound = Error.NotFound("portfolio.not_found", "No portfolio with this id.");
    public static readonly Error PositionNotFound = Error.NotFound("position.not_found", "No position with this id.");
    public static readonly Error TagNotFound = Error.NotFound("tag.not_found", "No tag with this id.");
    public static readonly Error StrategyNotFound = Error.NotFound("strategy.not_found", "No strategy with this id in this portfolio.");
    public static readonly Error NotOwner = Error.Forbidden("portfolio.not_owner", "Only the portfolio's owner or an admin may change it.");
    public static readonly Error UserRequired = Error.Forbidden("portfolio.user_required", "Portfolios belong to signed-in users, not to service clients.");
    public static readonly Error Stale = Error.PreconditionFailed("portfolio.stale", "It has changed since you read it; reload it and try again.");
    public static readonly Error VersionRequired = Error.PreconditionRequired("portfolio.version_required",
        "Send If-Match with the ETag you read, so a concurrent change is not overwritten.");
    public static readonly Error DuplicateName = Error.Conflict("portfolio.duplicate_name", "You already have a portfolio with this name.");
    public static readonly Error DuplicateTag = Error.Conflict("tag.duplicate_name", "You already have a tag with this name.");
    public static readonly Error DuplicateStrategy = Error.Conflict("strategy.duplicate_name", "This portfolio already has a strategy with this name.");
    public static readonly Error DefaultPortfolio = Error.Rule("portfolio.default", "Your default portfolio cannot be deleted; rename it instead.");
    public static readonly Error NoPrices = Error.Rule("risk.no_prices",
        "No prices are stored yet for the portfolio's symbols; wait for the market-data sync or the next PricesUpdated.");
    public static readonly Error EmptyPortfolio = Error.Rule("risk.empty_portfolio", "The portfolio has no positions to calculate.");

    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2_000;
    public const int TagMaxLength = 40;
    public const int TagsPerPosition = 20;
    public const int NotesMaxLength = 2_000;
}
