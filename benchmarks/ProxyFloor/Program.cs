using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Yarp.ReverseProxy.Forwarder;

// Same I/O settings as the gateway (gateway/Gateway/GatewayRuntime.cs), nothing else: no authentication,
// rate limit, logging, metrics or headers. Usage: ProxyFloor <listen url> <destination url>
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") ?? "1");
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args[0]);
builder.Services.Configure<SocketTransportOptions>(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.Services.AddHttpForwarder();
var app = builder.Build();
var destination = args[1];
var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    EnableMultipleHttp2Connections = true,
    ActivityHeadersPropagator = null,
});
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
app.Map("/{**path}", async (HttpContext context) => await forwarder.SendAsync(context, destination, client, ForwarderRequestConfig.Empty, HttpTransformer.Default));
app.Run();
