using Identity.Application.Users;
using MediatR;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Identity.Api.Endpoints;

/// <summary>User administration: admins only.</summary>
internal static class UserEndpoints
{
    public sealed record CreateUserRequest(string Email, string Password, string DisplayName, IReadOnlyList<string> Roles);

    public sealed record ChangeRolesRequest(IReadOnlyList<string> Roles);

    private static readonly string RoleNames = $"Roles are among: {string.Join(", ", PlatformRoles.All.Order(StringComparer.Ordinal))}.";

    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(PlatformPolicies.Admin);

        users.MapGet("/", async (IMediator mediator, CancellationToken ct, int? page, int? pageSize, string? search, string? role, bool? active) =>
                (await mediator.Send(new ListUsers(page ?? 1, pageSize ?? Paging.DefaultPageSize, search, role, active), ct)).ToHttp())
            .WithName("listUsers")
            .WithSummary("List users, paged, with optional search, role and active filters")
            .Produces<PagedList<UserView>>();

        users.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetUser(id), ct)).ToHttp())
            .WithName("getUser")
            .WithSummary("Get one user")
            .Produces<UserView>();

        users.MapPost("/", async (CreateUserRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateUser(body.Email, body.Password, body.DisplayName, body.Roles ?? []), ct))
                    .ToHttp(user => TypedResults.Created($"/api/v1/users/{user.Id}", user)))
            .WithName("createUser")
            .WithSummary("Create a user with the given roles")
            .WithDescription(RoleNames)
            .Produces<UserView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPut("/{id:guid}/roles", async (Guid id, ChangeRolesRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ChangeUserRoles(id, body.Roles ?? []), ct)).ToHttp())
            .WithName("changeUserRoles")
            .WithSummary("Replace the user's roles")
            .WithDescription(RoleNames + " An admin cannot remove their own admin role (422 user.cannot_remove_own_admin).")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        users.MapPost("/{id:guid}/deactivate", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeactivateUser(id), ct)).ToHttp())
            .WithName("deactivateUser")
            .WithSummary("Deactivate the user and revoke all their sessions")
            .WithDescription("Not one's own account, nor one already deactivated (422).")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        users.MapPost("/admin/republish", async (IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RepublishUsers(), ct)).ToHttp(result => TypedResults.Accepted((string?)null, result)))
            .WithName("republishUsers")
            .WithSummary("Publish every user's current state (UserSynchronized)")
            .WithDescription("So that projections in other services converge.")
            .Produces<RepublishedUsers>(StatusCodes.Status202Accepted);
    }
}
