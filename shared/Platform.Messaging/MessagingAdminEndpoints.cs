using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.FailedMessages;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Platform.Messaging;

public static class MessagingAdminEndpoints
{
    private static readonly Error FailedMessageNotFound =
        Error.NotFound("messaging.failed_message_not_found", "No failed message of this service has this id.");

    /// <summary>
    /// Admin endpoints under <paramref name="prefix"/> (e.g. <c>/api/v1/alerts/admin</c>):
    /// <c>GET outbox</c> (backlog and the oldest pending events with their last error),
    /// <c>GET failed-messages</c> (what sits in this service's <c>_error</c> queues),
    /// <c>POST failed-messages/{id}/replay</c> and <c>POST failed-messages/replay-all</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapMessagingAdmin<TDb>(this IEndpointRouteBuilder app, string prefix)
        where TDb : DbContext
    {
        var admin = app.MapGroup(prefix).RequireAuthorization(PlatformPolicies.Admin).WithTags("Messaging admin");

        // Resolved by hand: the route analyzer cannot handle a generic parameter in a handler signature.
        admin.MapGet("/outbox", async (HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
            TypedResults.Ok(await OutboxStatus.ReadAsync(http.RequestServices.GetRequiredService<TDb>(), clock, cancellationToken, rows: 50)));

        admin.MapGet("/failed-messages", async (ErrorQueues errors, int? limit, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { items = await errors.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), cancellationToken) }));

        admin.MapPost("/failed-messages/{messageId:guid}/replay", async Task<IResult> (ErrorQueues errors, Guid messageId, CancellationToken cancellationToken) =>
            await errors.ReplayAsync(messageId, cancellationToken) > 0
                ? TypedResults.NoContent()
                : FailedMessageNotFound.ToProblem());

        admin.MapPost("/failed-messages/replay-all", async (ErrorQueues errors, CancellationToken cancellationToken) =>
            TypedResults.Ok(new { replayed = await errors.ReplayAsync(null, cancellationToken) }));

        return app;
    }
}
