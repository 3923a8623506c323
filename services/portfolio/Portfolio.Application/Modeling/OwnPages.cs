using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;

namespace Portfolio.Application.Modeling;

/// <summary>A list of the caller's own rows (sessions, scenarios, exports), offset-paged.</summary>
public interface IOwnPageRequest
{
    int Page { get; }
    int PageSize { get; }
}

internal abstract class OwnPageValidator<T> : AbstractValidator<T>
    where T : IOwnPageRequest
{
    protected OwnPageValidator()
    {
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
    }
}

internal static class OwnPages
{
    /// <summary>The total, then the requested page of <paramref name="ordered"/>, each row shown as <paramref name="view"/>.</summary>
    public static async Task<Result<PagedList<TView>>> PageAsync<TRow, TView>(
        this IQueryable<TRow> ordered, IOwnPageRequest request, Func<TRow, TView> view, CancellationToken cancellationToken)
    {
        var total = await ordered.LongCountAsync(cancellationToken);
        var rows = await ordered.TakePage(request.Page, request.PageSize).ToListAsync(cancellationToken);
        return new PagedList<TView>([.. rows.Select(view)], request.Page, request.PageSize, total);
    }
}
