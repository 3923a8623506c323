using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Tags;

// A user's tags: only ever their own, so another user's tag id is "not found".

public sealed record ListTags : IRequest<Result<IReadOnlyList<TagView>>>;

public sealed record CreateTag(TagInput Input) : IRequest<Result<TagView>>;

/// <summary>Renaming a tag renames it on every position that carries it.</summary>
public sealed record UpdateTag(Guid TagId, TagInput Input) : IRequest<Result<TagView>>;

/// <summary>Deleting a tag takes it off every position that carries it.</summary>
public sealed record DeleteTag(Guid TagId) : IRequest<Result>;

internal sealed class CreateTagValidator : AbstractValidator<CreateTag>
{
    public CreateTagValidator() => this.AddTagRules(r => r.Input);
}

internal sealed class UpdateTagValidator : AbstractValidator<UpdateTag>
{
    public UpdateTagValidator() => this.AddTagRules(r => r.Input);
}

internal sealed class TagHandlers(PortfolioDb db, ICurrentUser user) :
    IRequestHandler<ListTags, Result<IReadOnlyList<TagView>>>,
    IRequestHandler<CreateTag, Result<TagView>>,
    IRequestHandler<UpdateTag, Result<TagView>>,
    IRequestHandler<DeleteTag, Result>
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

    public async Task<Result<TagView>> Handle(CreateTag request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var tag = Tag.Create(caller.Value.UserId, request.Input.Name!, request.Input.Colour);
        db.Tags.Add(tag);
        return await SaveAsync(tag, cancellationToken);
    }

    public async Task<Result<TagView>> Handle(UpdateTag request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        if (await db.Tags.SingleOrDefaultAsync(t => t.Id == request.TagId && t.OwnerId == caller.Value.UserId, cancellationToken) is not { } tag)
        {
            return PortfolioErrors.TagNotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (before, after) = (tag.Name, request.Input.Name!);
        tag.Change(after, request.Input.Colour ?? tag.Colour);
        var saved = await SaveAsync(tag, cancellationToken);
        if (saved.IsSuccess && before != after)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE portfolio.positions SET tags = array_replace(tags, {before}, {after}) WHERE owner_id = {caller.Value.UserId} AND {before} = ANY(tags)",
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<Result> Handle(DeleteTag request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        if (await db.Tags.SingleOrDefaultAsync(t => t.Id == request.TagId && t.OwnerId == caller.Value.UserId, cancellationToken) is not { } tag)
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

    private async Task<Result<TagView>> SaveAsync(Tag tag, CancellationToken cancellationToken)
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
