using Identity.Application.Keys;
using MediatR;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;

namespace Identity.Api.Endpoints;

internal static class SigningKeyEndpoints
{
    public static void MapSigningKeyEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/signing-keys/rotate", async (IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RotateSigningKey(), ct)).ToHttp())
            .RequireAuthorization(PlatformPolicies.Admin)
            .WithTags("Signing keys")
            .WithName("rotateSigningKey")
            .WithSummary("Rotate the token signing key now")
            .WithDescription("The previous key stays published until its tokens expire.")
            .Produces<SigningKeyRotated>();
}
