using Portfolio.Domain.Positions;

namespace Portfolio.Application.Tags;

public sealed record TagView(Guid Id, string Name, string Colour, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static TagView Of(Tag tag) => new(tag.Id, tag.Name, tag.Colour, tag.CreatedAt, tag.UpdatedAt);
}

public sealed record TagInput(string? Name, string? Colour);
