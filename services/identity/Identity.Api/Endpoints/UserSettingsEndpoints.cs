using System.Text.Json.Nodes;
using Identity.Application.Settings;
using Identity.Domain;
using MediatR;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;

namespace Identity.Api.Endpoints;

/// <summary><c>/api/v1/users/me/settings</c>: the signed-in user's own settings, nobody else's (no id in the path).</summary>
internal static class UserSettingsEndpoints
{
    public static void MapUserSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/users/me/settings").WithTags("Settings");

        settings.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var current = await mediator.Send(new GetUserSettings(), ct);
                return (current.IsSuccess ? EntityTags.NotModified(http, current.Value.ETag) : null) ?? current.ToHttp(view => Ok(http, view));
            })
            .WithName("getMySettings")
            .WithSummary("Get the signed-in user's settings, with their ETag")
            .WithDescription("The defaults until the user changes one. If-None-Match with the current ETag answers 304 without a body. "
                + "A token that names no user (client credentials) is 403.")
            .Produces<UserSettingsView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        settings.MapPatch("/", async (JsonObject patch, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                if (!EntityTags.HasIfMatch(http.Request))
                {
                    return UserSettingsErrors.VersionRequired.ToProblem();
                }

                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess
                    ? (await mediator.Send(new ChangeUserSettings(version.Value, patch), ct)).ToHttp(view => Ok(http, view))
                    : version.Error!.ToProblem();
            })
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithName("changeMySettings")
            .WithSummary("Change some of the signed-in user's settings")
            .WithDescription("JSON Merge Patch: members sent replace, absent ones stay, null puts a setting back to its default. "
                + "timeZone is an IANA id; quietHours are {start, end} as HH:mm in that time zone, both required. "
                + "Requires If-Match (428 without it, 412 when stale; the defaults' ETag is \"0\").")
            .Produces<UserSettingsView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static IResult Ok(HttpContext http, UserSettingsView view)
    {
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }
}
