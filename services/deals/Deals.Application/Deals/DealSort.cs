using System.Linq.Expressions;
using Deals.Domain;

namespace Deals.Application.Deals;

/// <summary>The sort keys a list or export accepts. The id breaks ties, so paging is stable.</summary>
internal static class DealSort
{
    public const string Default = "-updatedAt";

    private static readonly Dictionary<string, Func<IQueryable<Deal>, bool, IOrderedQueryable<Deal>>> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["updatedAt"] = (q, desc) => By(q, d => d.UpdatedAt, desc),
        ["createdAt"] = (q, desc) => By(q, d => d.CreatedAt, desc),
        ["announcedOn"] = (q, desc) => By(q, d => d.AnnouncedOn, desc),
        ["name"] = (q, desc) => By(q, d => d.Name, desc),
        ["targetName"] = (q, desc) => By(q, d => d.TargetName, desc),
        // Nullable keys put missing values last in both directions.
        ["targetTicker"] = (q, desc) => NullsLast(q, d => d.TargetTicker, desc),
        ["expectedCloseOn"] = (q, desc) => NullsLast(q, d => d.ExpectedCloseOn, desc),
        ["dealValue"] = (q, desc) => NullsLast(q, d => d.DealValue, desc),
        ["probabilityOfClose"] = (q, desc) => NullsLast(q, d => d.ProbabilityOfClose, desc),
        ["annualizedReturn"] = (q, desc) => NullsLast(q, d => d.AnnualizedReturn, desc),
    };

    public static IReadOnlyCollection<string> Fields => Keys.Keys;

    public static bool IsValid(string? sort) => sort is null || Keys.ContainsKey(sort.TrimStart('-'));

    public static IOrderedQueryable<Deal> OrderBy(this IQueryable<Deal> deals, string? sort)
    {
        sort = string.IsNullOrWhiteSpace(sort) ? Default : sort.Trim();
        var descending = sort.StartsWith('-');
        var ordered = Keys[sort.TrimStart('-')](deals, descending);
        return descending ? ordered.ThenByDescending(d => d.Id) : ordered.ThenBy(d => d.Id);
    }

    private static IOrderedQueryable<Deal> By<TKey>(IQueryable<Deal> deals, Expression<Func<Deal, TKey>> key, bool descending) =>
        descending ? deals.OrderByDescending(key) : deals.OrderBy(key);

    private static IOrderedQueryable<Deal> NullsLast<TKey>(IQueryable<Deal> deals, Expression<Func<Deal, TKey>> key, bool descending)
    {
        var body = Expression.Equal(key.Body, Expression.Constant(null, key.Body.Type));
        var isNull = Expression.Lambda<Func<Deal, bool>>(body, key.Parameters);
        var nullsLast = deals.OrderBy(isNull);
        return descending ? nullsLast.ThenByDescending(key) : nullsLast.ThenBy(key);
    }
}
