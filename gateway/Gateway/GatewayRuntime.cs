using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Gateway;

/// <summary>
/// How the gateway's process runs its I/O. A profile of the gateway under load on two shared cores
/// (docs/benchmarks.md, "The gateway's own cost") found a fifth of its CPU in context switches: socket
/// completions handed from the epoll thread to the thread pool, and pool threads spinning with
/// <c>sched_yield</c> before they sleep. Every step of the gateway's request path is asynchronous and short
/// (token lookup, rate-limit bookkeeping, header copying), so completions may run where they arrive.
/// </summary>
public static class GatewayRuntime
{
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Socket completions run on the epoll thread instead of being queued to the thread pool. The runtime reads
    /// this variable once, when the first socket is used, so it must be set before the host is built. An
    /// operator's own value (for example <c>0</c>, to compare) wins.
    /// </summary>
    public static void PreferInlineSocketCompletions()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        }
    }

    /// <summary>Kestrel runs the application's continuations on its I/O threads as well (<c>Gateway:InlineScheduling</c>, on by default).</summary>
    public static WebApplicationBuilder UseInlineScheduling(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Gateway:InlineScheduling", defaultValue: true))
        {
            builder.Services.Configure<SocketTransportOptions>(sockets => sockets.UnsafePreferInlineScheduling = true);
        }

        return builder;
    }
}
