using Deals.Application.Persistence;
using Deals.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;

namespace Deals.Application.Queries;

/// <param name="Cursor">A previous page's <c>nextCursor</c>: the page after it, at the same cost at any depth (instead of <paramref name="Page"/>).</param>
public sealed record ListDeals(DealFilter Filter, int Page = 1, int PageSize = Paging.DefaultPageSize, string? Cursor = null) : IRequest<Result<PagedList<DealView>>>;

internal sealed class ListDealsHandler(DealsDb db, ListCounts counts, ICurrentUser user) : IRequestHandler<ListDeals, Result<PagedList<DealView>>>
{
    public async Task<Result<PagedList<DealView>>> Handle(ListDeals request, CancellationToken cancellationToken)
    {
        var errors = DealFilterRules.Validate(request.Filter);
        foreach (var (parameter, messages) in Paging.Validate(request.Page, request.PageSize))
        {
            errors[parameter] = messages;
        }

        var source = db.Source(request.Filter, user);
        if (!source.IsSuccess)
        {
            return source.Error!;
        }

        var matching = source.Value.Filter(request.Filter);
        var window = matching;
        if (request.Cursor is not null && errors.Count == 0)
        {
            if (request.Page != 1)
            {
                errors["cursor"] = ["Send either page or cursor."];
            }
            else if (matching.After(request.Filter.Sort, request.Cursor) is { } after)
            {
                window = after;
            }
            else
            {
                errors["cursor"] = ["Not a cursor of this list's sort; start again from page 1."];
            }
        }

        if (errors.Count > 0)
        {
            return DealErrors.Invalid(errors);
        }

        // The sort does not change the count; everything else in the filter does.
        var total = await counts.CountAsync(db, DealsDb.ListVersionTable, matching, request.Filter with { Sort = null }, cancellationToken);

        // Page through ids only (an index-only scan for the indexed sorts), then fetch the page's rows:
        // a deep offset skips index entries instead of whole rows.
        var pageIds = window.OrderBy(request.Filter.Sort).TakePage(request.Page, request.PageSize).Select(d => d.Id);
        // No IgnoreQueryFilters here: it applies to the whole query, subquery included, and would let
        // deleted rows into live lists (and off the partial indexes). A deleted-deals source sets it itself.
        var items = await db.Deals.AsNoTracking()
            .Where(d => pageIds.Contains(d.Id))
            .OrderBy(request.Filter.Sort)
            .ToViews(db)
            .ToListAsync(cancellationToken);
        return new PagedList<DealView>(items, request.Page, request.PageSize, total)
        {
            NextCursor = items.Count == request.PageSize ? DealSort.CursorAfter(request.Filter.Sort, items[^1]) : null,
        };
    }
}

internal static class DealFilterRules
{
    public static Dictionary<string, string[]> Validate(DealFilter filter)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        EnumValue<ReviewStatus>(errors, "reviewStatus", filter.ReviewStatus);
        EnumValue<LifecycleStage>(errors, "stage", filter.Stage);
        EnumValue<DealType>(errors, "type", filter.Type);
        Check(errors, "ticker", filter.Ticker is null || DealRules.IsTicker(filter.Ticker.Trim().ToUpperInvariant()), "Not a valid ticker.");
        Check(errors, "currency", filter.Currency is null || Iso4217.IsActive(filter.Currency.Trim().ToUpperInvariant()), "Not an active ISO 4217 currency code.");
        Check(errors, "sector", filter.Sector is null || filter.Sector.Length <= DealRules.LabelMaxLength, $"At most {DealRules.LabelMaxLength} characters.");
        Check(errors, "tag", filter.Tag is null || filter.Tag.Length <= DealRules.TagMaxLength, $"At most {DealRules.TagMaxLength} characters.");
        Check(errors, "q", filter.Q is null || filter.Q.Length <= 200, "At most 200 characters.");
        Check(errors, "announcedTo", filter.AnnouncedFrom is null || filter.AnnouncedTo is null || filter.AnnouncedFrom <= filter.AnnouncedTo,
            "Must not be before announcedFrom.");
        Check(errors, "maxValue", filter.MinValue is null || filter.MaxValue is null || filter.MinValue <= filter.MaxValue, "Must not be below minValue.");
        Check(errors, "sort", DealSort.IsValid(filter.Sort),
            $"Sort by one of {string.Join(", ", DealSort.Fields)}; prefix '-' for descending.");
        return errors;
    }

    private static void EnumValue<T>(Dictionary<string, string[]> errors, string field, string? value)
        where T : struct, Enum =>
        Check(errors, field, string.IsNullOrWhiteSpace(value) || EnumText.Parse<T>(value) is not null, $"One of {EnumText.Names<T>()}.");

    private static void Check(Dictionary<string, string[]> errors, string field, bool valid, string message)
    {
        if (!valid)
        {
            errors[field] = [message];
        }
    }
}
