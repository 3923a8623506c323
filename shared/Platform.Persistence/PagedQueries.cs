using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Platform.Persistence;

public static class PagedQueries
{
    /// <summary>
    /// The total, then page <paramref name="page"/> of <paramref name="ordered"/>, each row shown as <paramref name="view"/>:
    /// the two queries every validated, offset-paged list runs.
    /// </summary>
    public static async Task<PagedList<TView>> ToPagedListAsync<TRow, TView>(
        this IQueryable<TRow> ordered, int page, int pageSize, Func<TRow, TView> view, CancellationToken cancellationToken)
    {
        var total = await ordered.LongCountAsync(cancellationToken);
        var rows = await ordered.TakePage(page, pageSize).ToListAsync(cancellationToken);
        return new PagedList<TView>([.. rows.Select(view)], page, pageSize, total);
    }
}
