using Identity.Application.Auth;
using Identity.Application.Tokens;
using Identity.Application.Users;
using MediatR;
using Platform.ServiceDefaults.Errors;

namespace Identity.Api.Endpoints;

/// <summary>JSON conveniences for the web front end, over the same use cases as the token endpoint.</summary>
internal static class AuthEndpoints
{
    public sealed record RegisterRequest(string Email, string Password, string DisplayName);

    public sealed record LoginRequest(string Email, string Password);

    public sealed record RefreshRequest(string RefreshToken);

    public sealed record LogoutRequest(string? RefreshToken, bool AllSessions = false);

    public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string Scope, string? RefreshToken, DateTimeOffset? RefreshTokenExpiresAt)
    {
        public static TokenResponse From(TokenSet tokens) =>
            new(tokens.AccessToken, "Bearer", tokens.ExpiresIn, tokens.Scope, tokens.RefreshToken, tokens.RefreshTokenExpiresAt);
    }

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

        auth.MapPost("/login", async (LoginRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                NoStore(http, (await mediator.Send(new SignInWithPassword(body.Email, body.Password), ct)).ToHttp(tokens => TypedResults.Ok(TokenResponse.From(tokens)))))
            .AllowAnonymous()
            .WithName("login")
            .WithSummary("Sign in with email and password")
            .WithDescription("Returns an access token and a refresh token; 401 for wrong credentials, a locked or a deactivated account.")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/refresh", async (RefreshRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                NoStore(http, (await mediator.Send(new RefreshSession(body.RefreshToken), ct)).ToHttp(tokens => TypedResults.Ok(TokenResponse.From(tokens)))))
            .AllowAnonymous()
            .WithName("refreshSession")
            .WithSummary("Exchange a refresh token for a new token pair")
            .WithDescription("The old refresh token is spent; 401 auth.invalid_refresh_token when it is invalid, expired or revoked.")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

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

    private static IResult NoStore(HttpContext http, IResult result)
    {
        http.Response.Headers.CacheControl = "no-store";
        return result;
    }
}
