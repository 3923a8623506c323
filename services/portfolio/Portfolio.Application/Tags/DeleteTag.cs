using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Tags;

/// <summary>Deleting a tag takes it off every position that carries it.</summary>
public sealed record DeleteTag(Guid TagId) : IRequest<Result>;

internal sealed class DeleteTagHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<DeleteTag, Result>
{
    public async Task<Result> Handle(DeleteTag request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        if (await db.FindOwnAsync(request.TagId, caller.Value.UserId, cancellationToken) is not { } tag)
        {
            return PortfolioErrors.TagNotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tags.Remove(tag);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE portfolio.positions SET tags = array_remove(tags, {tag.Name}) WHERE owner_id = {caller.Value.UserId} AND {tag.Name} = ANY(tags)",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
