using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Deals.Application.Market;
using Deals.Application.Persistence;
using Deals.Application.Tickers;
using Deals.Domain;

namespace Deals.Application.Queries;

/// <summary>A deal as the API returns it. <see cref="Version"/> is the ETag value.</summary>
public sealed record DealView(
    Guid Id,
    string Name,
    DealType Type,
    LifecycleStage Stage,
    ReviewStatus ReviewStatus,
    string TargetName,
    string? TargetTicker,
    string? TargetExchange,
    string? TargetCountry,
    string? AcquirerName,
    string? AcquirerTicker,
    string? Sector,
    string? Industry,
    string? Region,
    DateOnly AnnouncedOn,
    DateOnly? ExpectedCloseOn,
    DateOnly? ActualCloseOn,
    decimal? DealValue,
    string Currency,
    ConsiderationType Consideration,
    decimal? OfferPricePerShare,
    decimal? ExchangeRatio,
    decimal? PremiumPercent,
    decimal? CurrentTargetPrice,
    decimal? CurrentAcquirerPrice,
    DateOnly? PricesAsOf,
    decimal? Spread,
    decimal? AnnualizedReturn,
    decimal? ProbabilityOfClose,
    decimal? BreakFee,
    IReadOnlyList<string> RegulatoryApprovals,
    IReadOnlyList<string> Advisors,
    string? Financing,
    bool IsHostile,
    IReadOnlyList<string> Tags,
    string? AnalystNotes,
    string? SourceDocumentRef,
    Guid OwnerId,
    DateTimeOffset? SubmittedAt,
    Guid? ReviewerId,
    DateTimeOffset? ReviewedAt,
    string? ReviewComment,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset UpdatedAt,
    string? UpdatedBy,
    uint Version)
{
    /// <summary>Strong ETag of this version: <c>"&lt;version&gt;"</c>.</summary>
    [JsonIgnore]
    public string ETag => $"\"{Version}\"";

    /// <summary>Figures at the latest market prices, or null before any arrived. Not part of the version: prices never change the ETag.</summary>
    public DealMarketView? Market { get; init; }

    /// <summary>True while marketdata could not yet be asked about the target or acquirer ticker.</summary>
    public bool TickerUnverified { get; init; }

    /// <summary>Marketdata's answer about the target ticker; null without a ticker or before any check.</summary>
    public TickerStatus? TargetTickerStatus { get; init; }

    public TickerStatus? AcquirerTickerStatus { get; init; }

    public static readonly Expression<Func<Deal, DealView>> Projection = d => new DealView(
        d.Id, d.Name, d.Type, d.Stage, d.ReviewStatus, d.TargetName, d.TargetTicker, d.TargetExchange, d.TargetCountry,
        d.AcquirerName, d.AcquirerTicker, d.Sector, d.Industry, d.Region, d.AnnouncedOn, d.ExpectedCloseOn, d.ActualCloseOn,
        d.DealValue, d.Currency, d.Consideration, d.OfferPricePerShare, d.ExchangeRatio, d.PremiumPercent, d.CurrentTargetPrice,
        d.CurrentAcquirerPrice, d.PricesAsOf, d.Spread, d.AnnualizedReturn, d.ProbabilityOfClose, d.BreakFee,
        d.RegulatoryApprovals, d.Advisors, d.Financing, d.IsHostile, d.Tags, d.AnalystNotes, d.SourceDocumentRef,
        d.OwnerId, d.SubmittedAt, d.ReviewerId, d.ReviewedAt, d.ReviewComment, d.CreatedAt, d.CreatedBy, d.UpdatedAt, d.UpdatedBy,
        d.Version);

    private static readonly Func<Deal, DealView> Compiled = Projection.Compile();

    public static DealView From(Deal deal) => Compiled(deal);

    /// <summary>The deal with what lives beside its row: market prices and the tickers' status.</summary>
    public static DealView From(Deal deal, DealMarketPrice? market, TickerStatus? targetStatus, TickerStatus? acquirerStatus) => Compiled(deal) with
    {
        Market = DealMarketView.From(deal, market),
        TickerUnverified = targetStatus == TickerStatus.Unverified || acquirerStatus == TickerStatus.Unverified,
        TargetTickerStatus = deal.TargetTicker is null ? null : targetStatus,
        AcquirerTickerStatus = deal.AcquirerTicker is null ? null : acquirerStatus,
    };
}

public static class DealViews
{
    /// <summary>
    /// The API's view of each deal, with its market row and ticker checks looked up by key in the same
    /// query. The figures are computed as the rows are read (DealFigures), never in SQL.
    /// </summary>
    public static IQueryable<DealView> ToViews(this IQueryable<Deal> deals, DealsDb db) =>
        deals.Select(d => DealView.From(
            d,
            db.MarketPrices.FirstOrDefault(m => m.DealId == d.Id),
            db.TickerChecks.Where(c => c.Ticker == d.TargetTicker).Select(c => (TickerStatus?)c.Status).FirstOrDefault(),
            db.TickerChecks.Where(c => c.Ticker == d.AcquirerTicker).Select(c => (TickerStatus?)c.Status).FirstOrDefault()));
}
