using Platform.SharedKernel;

namespace Portfolio.Domain.Portfolios;

/// <summary>
/// A named book of positions that one user owns, valued in its base currency, with the risk limits
/// its calculations are checked against. (Not called <c>Portfolio</c>: that is the service's namespace.)
/// </summary>
public sealed class InvestmentPortfolio : AggregateRoot, ISoftDeletable, IAudited
{
    private InvestmentPortfolio()
    {
    }

    public Guid OwnerId { get; private set; }
    public string Name { get; private set; } = null!;
    public string BaseCurrency { get; private set; } = Currencies.Default;
    public string? Description { get; private set; }

    /// <summary>The one made for the user when they registered; it cannot be deleted.</summary>
    public bool IsDefault { get; private set; }

    public decimal? GrossExposureLimit { get; private set; }
    public decimal? NetExposureLimit { get; private set; }
    public decimal? ValueAtRiskLimit { get; private set; }
    public decimal? ConcentrationLimitPercent { get; private set; }
    public decimal? DollarDeltaLimit { get; private set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public RiskLimits Limits => new(GrossExposureLimit, NetExposureLimit, ValueAtRiskLimit, ConcentrationLimitPercent, DollarDeltaLimit);

    public static InvestmentPortfolio Create(Guid ownerId, string name, string baseCurrency, string? description, RiskLimits limits, bool isDefault = false)
    {
        var portfolio = new InvestmentPortfolio { Id = Guid.CreateVersion7(), OwnerId = ownerId, IsDefault = isDefault };
        portfolio.Describe(name, baseCurrency, description, limits);
        return portfolio;
    }

    /// <summary>The portfolio every registered user starts with (the database keeps one default per owner).</summary>
    public static InvestmentPortfolio CreateDefault(Guid ownerId, string ownerName) =>
        Create(ownerId, $"{ownerName}'s portfolio".Trim(), Currencies.Default, null, RiskLimits.None, isDefault: true);

    public Result Change(Caller caller, string name, string baseCurrency, string? description, RiskLimits limits)
    {
        if (!caller.MayChange(OwnerId))
        {
            return PortfolioErrors.NotOwner;
        }

        Describe(name, baseCurrency, description, limits);
        return Result.Ok();
    }

    public Result Delete(Caller caller, DateTimeOffset now)
    {
        if (!caller.MayChange(OwnerId))
        {
            return PortfolioErrors.NotOwner;
        }

        if (IsDefault)
        {
            return PortfolioErrors.DefaultPortfolio;
        }

        DeletedAt = now;
        return Result.Ok();
    }

    private void Describe(string name, string baseCurrency, string? description, RiskLimits limits)
    {
        Name = name;
        BaseCurrency = baseCurrency;
        Description = description;
        GrossExposureLimit = limits.GrossExposure;
        NetExposureLimit = limits.NetExposure;
        ValueAtRiskLimit = limits.ValueAtRisk;
        ConcentrationLimitPercent = limits.ConcentrationPercent;
        DollarDeltaLimit = limits.DollarDelta;
    }
}
