using System.Text.Json.Serialization;

namespace Platform.SharedKernel;

/// <summary>One page of a list response: <c>{ items, page, pageSize, totalCount }</c>, plus <c>nextCursor</c> where a list offers keyset paging.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount)
{
    /// <summary>Opaque position after the last item; pass it back as <c>cursor</c> for the next page at constant cost.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextCursor { get; init; }
}

/// <summary>The one paging rule of every offset-paged list: which <c>page</c> and <c>pageSize</c> are valid, and how a page is taken.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// The deepest page a list serves. Its offset, <c>(MaxPage - 1) * MaxPageSize</c>, still fits in an
    /// <see cref="int"/>: without a bound a huge page number overflows the offset into a negative or
    /// wrapped one. Ten million pages is far beyond any real list; deep readers use a cursor.
    /// </summary>
    public const int MaxPage = 10_000_000;

    public static readonly string PageRule = $"Must be between 1 and {MaxPage}.";
    public static readonly string PageSizeRule = $"Must be between 1 and {MaxPageSize}.";

    public static bool IsValidPage(int page) => page is >= 1 and <= MaxPage;

    public static bool IsValidPageSize(int pageSize) => pageSize is >= 1 and <= MaxPageSize;

    /// <summary>The <c>page</c> and <c>pageSize</c> errors, keyed by parameter name; empty when both are valid.</summary>
    public static Dictionary<string, string[]> Validate(int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!IsValidPage(page))
        {
            errors["page"] = [PageRule];
        }

        if (!IsValidPageSize(pageSize))
        {
            errors["pageSize"] = [PageSizeRule];
        }

        return errors;
    }

    /// <summary>
    /// The rows of page <paramref name="page"/> of an ordered query. Callers validate first; the offset is
    /// computed checked, so a page that slipped past validation fails loudly instead of wrapping around.
    /// </summary>
    public static IQueryable<T> TakePage<T>(this IQueryable<T> ordered, int page, int pageSize) =>
        ordered.Skip(checked((page - 1) * pageSize)).Take(pageSize);
}
