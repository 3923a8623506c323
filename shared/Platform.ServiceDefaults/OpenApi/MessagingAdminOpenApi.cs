using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// The messaging admin endpoints Platform.Messaging maps (<c>MapMessagingAdmin</c>) return <c>IResult</c>
/// and carry no names; a service that maps them registers their ids and summaries here.
/// </summary>
public static class MessagingAdminOpenApi
{
    public const string Tag = "Messaging admin";

    public static IServiceCollection DescribeMessagingAdminOpenApi(this IServiceCollection services) =>
        services.Configure<PlatformOpenApiOptions>(options =>
        {
            options.TagDescriptions[Tag] = "Admins only: the service's outbox backlog and the messages that failed delivery, with replay.";
            options.Operations.AddRange(
            [
                new(Tag, HttpMethods.Get, "/outbox", "getOutboxStatus", "Get the outbox backlog and the oldest pending events with their last error"),
                new(Tag, HttpMethods.Get, "/failed-messages", "listFailedMessages", "List the messages in this service's error queues"),
                new(Tag, HttpMethods.Post, "/failed-messages/{messageId}/replay", "replayFailedMessage", "Replay one failed message", StatusCodes.Status204NoContent),
                new(Tag, HttpMethods.Post, "/failed-messages/replay-all", "replayAllFailedMessages", "Replay every failed message of this service"),
            ]);
        });
}
