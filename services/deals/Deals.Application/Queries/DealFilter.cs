using Deals.Application.Persistence;
using Deals.Domain;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Platform.Persistence;
using Platform.SharedKernel;

namespace Deals.Application.Queries;

/// <summary>The list and export filters, as query-string values (enums accept any case, like the JSON).</summary>
public sealed record DealFilter
{
    public string? ReviewStatus { get; init; }
    public string? Stage { get; init; }
    public string? Type { get; init; }
    public string? Ticker { get; init; }
    public string? Sector { get; init; }
    public string? Currency { get; init; }
    public DateOnly? AnnouncedFrom { get; init; }
    public DateOnly? AnnouncedTo { get; init; }
    public decimal? MinValue { get; init; }
    public decimal? MaxValue { get; init; }

    /// <summary>Free text: every word must start a word of the name, a party or a ticker.</summary>
    public string? Q { get; init; }

    public Guid? OwnerId { get; init; }
    public string? Tag { get; init; }

    /// <summary>true: only soft-deleted deals, for admins deciding what to restore.</summary>
    public bool? Deleted { get; init; }

    /// <summary><c>field</c> or <c>-field</c> (descending); see <see cref="DealSort.Fields"/>.</summary>
    public string? Sort { get; init; }
}

internal static class DealQuery
{
    private static readonly Error DeletedRequiresAdmin = Error.Forbidden("deal.deleted_requires_admin", "Only admins list deleted deals.");

    /// <summary>The deals a filter starts from: the live ones, or (admins only) the deleted ones.</summary>
    public static Result<IQueryable<Deal>> Source(this DealsDb db, DealFilter filter, ICurrentUser user)
    {
        if (filter.Deleted != true)
        {
            return Result<IQueryable<Deal>>.Ok(db.Deals.AsNoTracking());
        }

        return user.IsInRole(PlatformRoles.Admin)
            ? Result<IQueryable<Deal>>.Ok(db.Deals.AsNoTracking().IgnoreQueryFilters().Where(d => d.DeletedAt != null))
            : DeletedRequiresAdmin;
    }

    public static IQueryable<Deal> Filter(this IQueryable<Deal> deals, DealFilter filter)
    {
        if (EnumText.Parse<ReviewStatus>(filter.ReviewStatus) is { } status)
        {
            deals = deals.Where(d => d.ReviewStatus == status);
        }

        if (EnumText.Parse<LifecycleStage>(filter.Stage) is { } stage)
        {
            deals = deals.Where(d => d.Stage == stage);
        }

        if (EnumText.Parse<DealType>(filter.Type) is { } type)
        {
            deals = deals.Where(d => d.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(filter.Ticker))
        {
            var ticker = filter.Ticker.Trim().ToUpperInvariant();
            deals = deals.Where(d => d.TargetTicker == ticker || d.AcquirerTicker == ticker);
        }

        if (!string.IsNullOrWhiteSpace(filter.Sector))
        {
            var sector = filter.Sector.Trim();
            deals = deals.Where(d => d.Sector == sector);
        }

        if (!string.IsNullOrWhiteSpace(filter.Currency))
        {
            var currency = filter.Currency.Trim().ToUpperInvariant();
            deals = deals.Where(d => d.Currency == currency);
        }

        if (filter.AnnouncedFrom is { } from)
        {
            deals = deals.Where(d => d.AnnouncedOn >= from);
        }

        if (filter.AnnouncedTo is { } to)
        {
            deals = deals.Where(d => d.AnnouncedOn <= to);
        }

        if (filter.MinValue is { } min)
        {
            deals = deals.Where(d => d.DealValue >= min);
        }

        if (filter.MaxValue is { } max)
        {
            deals = deals.Where(d => d.DealValue <= max);
        }

        if (filter.OwnerId is { } owner)
        {
            deals = deals.Where(d => d.OwnerId == owner);
        }

        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            var tag = filter.Tag.Trim().ToLowerInvariant();
            deals = deals.Where(d => d.Tags.Contains(tag));
        }

        if (TextSearch.PrefixQuery(filter.Q) is { } search)
        {
            deals = deals.Where(d => EF.Property<NpgsqlTsVector>(d, DealsDb.SearchVector).Matches(EF.Functions.ToTsQuery("simple", search)));
        }

        return deals;
    }
}
