namespace Platform.SharedKernel;

/// <summary>One page of a list response: <c>{ items, page, pageSize, totalCount }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}
