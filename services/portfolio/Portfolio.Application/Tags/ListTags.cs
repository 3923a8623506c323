using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Tags;

/// <summary>The caller's own tags, by name.</summary>
public sealed record ListTags : IRequest<Result<IReadOnlyList<TagView>>>;

internal sealed class ListTagsHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<ListTags, Result<IReadOnlyList<TagView>>>
{
    public async Task<Result<IReadOnlyList<TagView>>> Handle(ListTags request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var tags = await db.Tags.AsNoTracking().Where(t => t.OwnerId == caller.Value.UserId).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<TagView>>.Ok([.. tags.Select(TagView.Of)]);
    }
}
