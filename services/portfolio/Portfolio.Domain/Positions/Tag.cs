using Platform.SharedKernel;

namespace Portfolio.Domain.Positions;

/// <summary>A user's label for positions, with the colour their screens show it in. Positions carry tag names.</summary>
public sealed class Tag : AggregateRoot, IAudited
{
    public const string DefaultColour = "#6B7280";

    private Tag()
    {
    }

    public Guid OwnerId { get; private set; }
    public string Name { get; private set; } = null!;
    public string Colour { get; private set; } = DefaultColour;

    public static Tag Create(Guid ownerId, string name, string? colour) =>
        new() { Id = Guid.CreateVersion7(), OwnerId = ownerId, Name = name, Colour = colour ?? DefaultColour };

    public void Change(string name, string colour)
    {
        Name = name;
        Colour = colour;
    }

    /// <summary><c>#RRGGBB</c>, the one colour form every client draws.</summary>
    public static bool IsColour(string? colour) =>
        colour is { Length: 7 } && colour[0] == '#' && colour.Skip(1).All(char.IsAsciiHexDigit);
}
