using System.Globalization;
using System.Text.Json;
using Alerts.Application.Alerts;
using Alerts.Application.Streaming;
using Alerts.Domain;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Streaming;
using Platform.SharedKernel;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Alerts.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/alerts/stream</c>: the caller's new alerts as Server-Sent Events. Each event's id
/// is the alert's sequence, so a reconnecting client (Last-Event-ID) gets what it missed first. The
/// stream ends when the access token expires (the client reconnects with a fresh one) and when the
/// user's sessions are revoked, so nobody keeps receiving alerts on a token that would no longer be
/// accepted; a user holds a limited number of streams at once across replicas (see EventStreamSessions).
/// </summary>
internal static class AlertStreamEndpoint
{

    public static void MapAlertStreamEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/alerts/stream", StreamAsync)
            .WithTags("Alerts")
            .WithName("streamAlerts")
            .WithSummary("Stream the caller's new alerts as Server-Sent Events")
            .WithDescription("Each event is 'event: alert', 'id: <sequence>' and the alert's JSON as data. Resume with Last-Event-ID or ?lastEventId=. The stream ends when the access token expires and within moments of the user's sessions being revoked (log-out everywhere, deactivation, role change). A user may hold a limited number of streams at once (EventStreams:MaxPerUser, 5 by default); one more is refused with 429.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            // Service clients have no alerts of their own.
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> StreamAsync(
        HttpContext http,
        string? lastEventId,
        ICurrentUser user,
        AlertFeed feed,
        AlertsSince since,
        AlertsMetrics metrics,
        IOptions<AlertsOptions> options,
        IOptions<HttpJsonOptions> json,
        EventStreamSessions streams)
    {
        if (user.UserId is not { } userId)
        {
            return AlertErrors.UserRequired.ToProblem();
        }

        var resumeFrom = http.Request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } header ? header : lastEventId;
        long? resume = null;
        if (!string.IsNullOrWhiteSpace(resumeFrom))
        {
            if (!long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return AlertErrors.InvalidLastEventId.ToProblem();
            }

            resume = parsed;
        }

        // A stopping service ends its streams at once (clients resume elsewhere with Last-Event-ID)
        // instead of holding the shutdown for its whole grace period.
        var opened = await streams.OpenAsync(http, "alerts", http.RequestAborted);
        if (!opened.IsSuccess)
        {
            return opened.Error!.ToProblem();
        }

        await using var stream = opened.Value;
        var cancellationToken = stream.Ending;

        // Subscribed before reading the starting point, so an alert committed in between wakes us; and
        // both before the headers go out, so whatever commits after the client sees them is sent.
        using var subscription = feed.Subscribe(userId);
        try
        {
            var last = resume ?? await since.LatestAsync(userId, cancellationToken);
            var response = http.Response;
            await EventStream.BeginAsync(http, cancellationToken);

            var heartbeat = options.Value.StreamHeartbeat;
            while (true)
            {
                last = await SendNewAsync(response, since, metrics, userId, last, json.Value.SerializerOptions, cancellationToken);
                // A missed wake-up costs at most one heartbeat: the loop reads again after it either way.
                if (!await subscription.WaitAsync(heartbeat, cancellationToken))
                {
                    await EventStream.WriteAsync(response, ": heartbeat\n\n", cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left, its token expired or the service stops: end the response; EventSource reconnects on its own.
            await stream.SayWhyItEndedAsync(http);
        }

        return Results.Empty;
    }

    private static async Task<long> SendNewAsync(
        HttpResponse response, AlertsSince since, AlertsMetrics metrics, Guid userId, long last, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await since.AfterAsync(userId, last, cancellationToken);
            foreach (var alert in batch)
            {
                await response.WriteAsync($"id: {alert.Sequence}\nevent: alert\ndata: {JsonSerializer.Serialize(alert, json)}\n\n", cancellationToken);
                last = alert.Sequence;
                metrics.Delivered(alert);
            }

            if (batch.Count > 0)
            {
                await response.Body.FlushAsync(cancellationToken);
            }

            if (batch.Count < AlertsSince.BatchSize)
            {
                return last;
            }
        }
    }
}
