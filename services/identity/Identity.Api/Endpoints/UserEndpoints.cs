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

    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(PlatformPolicies.Admin);

        users.MapGet("/", async (IMediator mediator, CancellationToken ct, int? page, int? pageSize, string? search, string? role, bool? active) =>
                (await mediator.Send(new ListUsers(page ?? 1, pageSize ?? Paging.DefaultPageSize, search, role, active), ct)).ToHttp())
            .WithSummary("List users, paged, with optional search, role and active filters.");

        users.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetUser(id), ct)).ToHttp());

        users.MapPost("/", async (CreateUserRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateUser(body.Email, body.Password, body.DisplayName, body.Roles ?? []), ct))
                    .ToHttp(user => TypedResults.Created($"/api/v1/users/{user.Id}", user)))
            .WithSummary("Create a user with the given roles.");

        users.MapPut("/{id:guid}/roles", async (Guid id, ChangeRolesRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ChangeUserRoles(id, body.Roles ?? []), ct)).ToHttp())
            .WithSummary("Replace the user's roles.");

        users.MapPost("/{id:guid}/deactivate", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeactivateUser(id), ct)).ToHttp())
            .WithSummary("Deactivate the user and revoke all their sessions.");

        users.MapPost("/admin/republish", async (IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RepublishUsers(), ct)).ToHttp(result => TypedResults.Accepted((string?)null, result)))
            .WithSummary("Publish every user's current state (UserSynchronized), so projections in other services converge.");
    }
}
