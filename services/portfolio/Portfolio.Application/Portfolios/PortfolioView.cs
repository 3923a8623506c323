using System.Globalization;
using System.Text.Json.Serialization;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Portfolios;

public sealed record LimitsView(decimal? GrossExposure, decimal? NetExposure, decimal? ValueAtRisk, decimal? ConcentrationPercent, decimal? DollarDelta);

public sealed record PortfolioView(
    Guid Id,
    Guid OwnerId,
    string Name,
    string BaseCurrency,
    string? Description,
    bool IsDefault,
    LimitsView Limits,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore]
    public uint Version { get; init; }

    [JsonIgnore]
    public string ETag => $"\"{Version.ToString(CultureInfo.InvariantCulture)}\"";

    public static PortfolioView Of(InvestmentPortfolio p) =>
        new(p.Id, p.OwnerId, p.Name, p.BaseCurrency, p.Description, p.IsDefault,
            new LimitsView(p.GrossExposureLimit, p.NetExposureLimit, p.ValueAtRiskLimit, p.ConcentrationLimitPercent, p.DollarDeltaLimit),
            p.CreatedAt, p.UpdatedAt)
        { Version = p.Version };
}
