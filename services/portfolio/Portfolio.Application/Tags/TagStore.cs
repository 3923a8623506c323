using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Tags;

/// <summary>What the tag use cases share: a user's tags are only ever their own, so another user's tag id is "not found".</summary>
internal static class TagStore
{
    public static Task<Tag?> FindOwnAsync(this PortfolioDb db, Guid tagId, Guid ownerId, CancellationToken cancellationToken) =>
        db.Tags.SingleOrDefaultAsync(t => t.Id == tagId && t.OwnerId == ownerId, cancellationToken);

    /// <summary>Saves, turning the (owner, name) unique index into the duplicate-tag conflict.</summary>
    public static async Task<Result<TagView>> SaveTagAsync(this PortfolioDb db, Tag tag, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return TagView.Of(tag);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return PortfolioErrors.DuplicateTag;
        }
    }
}
