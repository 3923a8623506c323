using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Tags;

/// <summary>Renaming a tag renames it on every position that carries it.</summary>
public sealed record UpdateTag(Guid TagId, TagInput Input) : IRequest<Result<TagView>>;

internal sealed class UpdateTagValidator : AbstractValidator<UpdateTag>
{
    public UpdateTagValidator() => this.AddTagRules(r => r.Input);
}

internal sealed class UpdateTagHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<UpdateTag, Result<TagView>>
{
    public async Task<Result<TagView>> Handle(UpdateTag request, CancellationToken cancellationToken)
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

        // The tag and the positions carrying its name change together, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (before, after) = (tag.Name, request.Input.Name!);
        tag.Change(after, request.Input.Colour ?? tag.Colour);
        var saved = await db.SaveTagAsync(tag, cancellationToken);
        if (saved.IsSuccess && before != after)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE portfolio.positions SET tags = array_replace(tags, {before}, {after}) WHERE owner_id = {caller.Value.UserId} AND {before} = ANY(tags)",
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return saved;
    }
}
