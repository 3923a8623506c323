using System.Text.Json;
using Deals.Application.Csv;
using Deals.Application.Persistence;
using Deals.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Deals.Application.Queries;

/// <summary>A deal's audit trail, oldest first: who changed what, from which value to which, in which request.</summary>
public sealed record GetDealHistory(Guid DealId, int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<Result<PagedList<DealChange>>>;

/// <param name="Changes">Property → <c>{ before, after }</c>.</param>
public sealed record DealChange(Guid Id, DateTimeOffset OccurredAt, string Action, string? Actor, string? RequestId, JsonElement Changes);

internal sealed class GetDealHistoryHandler(DealsDb db) : IRequestHandler<GetDealHistory, Result<PagedList<DealChange>>>
{
    public async Task<Result<PagedList<DealChange>>> Handle(GetDealHistory request, CancellationToken cancellationToken)
    {
        if (Paging.Validate(request.Page, request.PageSize) is { Count: > 0 } errors)
        {
            return DealErrors.Invalid(errors);
        }

        if (!await db.Deals.AnyAsync(d => d.Id == request.DealId, cancellationToken))
        {
            return DealErrors.NotFound;
        }

        var entityId = request.DealId.ToString();
        var entries = db.AuditLog.AsNoTracking().Where(e => e.EntityType == nameof(Deal) && e.EntityId == entityId);
        var total = await entries.LongCountAsync(cancellationToken);
        var page = await entries
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .TakePage(request.Page, request.PageSize)
            .ToListAsync(cancellationToken);
        var changes = page.Select(e => new DealChange(e.Id, e.OccurredAt, e.Action, e.Actor, e.RequestId, JsonDocument.Parse(e.Changes).RootElement.Clone())).ToList();
        return new PagedList<DealChange>(changes, request.Page, request.PageSize, total);
    }
}
