using Identity.Application.Auth;
using Identity.Application.Users;
using MediatR;
using Platform.ServiceDefaults.Errors;

namespace Identity.Api.Endpoints;

/// <summary>The web front end's account endpoints; its JSON sign-in and refresh are token requests (<see cref="TokenEndpoint"/>).</summary>
internal static class AuthEndpoints
{
    public sealed record RegisterRequest(string Email, string Password, string DisplayName);

    public sealed record LogoutRequest(string? RefreshToken, bool AllSessions = false);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");

        auth.MapPost("/register", async (RegisterRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RegisterUser(body.Email, body.Password, body.DisplayName), ct))
                    .ToHttp(user => TypedResults.Created($"/api/v1/users/{user.Id}", user)))
            .AllowAnonymous()
            .WithName("register")
            .WithSummary("Create an account with the analyst role")
            .WithDescription("Only when self-registration is on (403 auth.registration_closed otherwise); 409 user.email_taken for a known email.")
            .Produces<UserView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        auth.MapPost("/logout", async (LogoutRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Logout(body.RefreshToken, body.AllSessions), ct)).ToHttp())
            .WithName("logout")
            .WithSummary("Sign out: revoke the refresh token's session, or every session with allSessions")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        auth.MapGet("/me", async (IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetCurrentUser(), ct)).ToHttp())
            .WithName("getCurrentUser")
            .WithSummary("Get the signed-in user's profile and roles")
            .Produces<UserView>();
    }
}
