using System.Text.Json.Serialization;

namespace Platform.SharedKernel;

/// <summary>One page of a list response: <c>{ items, page, pageSize, totalCount }</c>, plus <c>nextCursor</c> where a list offers keyset paging.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount)
{
    /// <summary>Opaque position after the last item; pass it back as <c>cursor</c> for the next page at constant cost.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextCursor { get; init; }
}

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}
