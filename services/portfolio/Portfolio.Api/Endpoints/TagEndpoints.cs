using MediatR;
using Platform.ServiceDefaults.Errors;
using Portfolio.Application.Tags;

namespace Portfolio.Api.Endpoints;

/// <summary><c>/api/v1/tags</c>: the caller's own labels for positions, with colours.</summary>
internal static class TagEndpoints
{
    public static void MapTagEndpoints(this IEndpointRouteBuilder app)
    {
        var tags = app.MapGroup("/api/v1/tags").WithTags("Tags").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        tags.MapGet("/", async (IMediator mediator, CancellationToken ct) => (await mediator.Send(new ListTags(), ct)).ToHttp())
            .WithName("listTags")
            .WithSummary("Your tags, by name")
            .WithDescription("A tag named on a position is created in the default colour when it does not exist yet.")
            .Produces<IReadOnlyList<TagView>>();

        tags.MapPost("/", async (TagInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateTag(body), ct)).ToHttp(view => TypedResults.Created($"/api/v1/tags/{view.Id}", view)))
            .WithName("createTag")
            .WithSummary("Create a tag")
            .WithDescription("colour as #RRGGBB. Names are unique per user (409 tag.duplicate_name).")
            .Produces<TagView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        tags.MapPut("/{id:guid}", async (Guid id, TagInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new UpdateTag(id, body), ct)).ToHttp())
            .WithName("updateTag")
            .WithSummary("Rename or recolour a tag")
            .WithDescription("A rename applies to every position carrying the tag.")
            .Produces<TagView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        tags.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => (await mediator.Send(new DeleteTag(id), ct)).ToHttp())
            .WithName("deleteTag")
            .WithSummary("Delete a tag and take it off every position")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
