using FluentValidation;
using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Tags;

public sealed record CreateTag(TagInput Input) : IRequest<Result<TagView>>;

internal sealed class CreateTagValidator : AbstractValidator<CreateTag>
{
    public CreateTagValidator() => this.AddTagRules(r => r.Input);
}

internal sealed class CreateTagHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<CreateTag, Result<TagView>>
{
    public async Task<Result<TagView>> Handle(CreateTag request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var tag = Tag.Create(caller.Value.UserId, request.Input.Name!, request.Input.Colour);
        db.Tags.Add(tag);
        return await db.SaveTagAsync(tag, cancellationToken);
    }
}
