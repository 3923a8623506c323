using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gateway;

/// <summary>
/// Section <c>Gateway:TrustedProxies</c>: addresses or CIDR networks of the load balancers in front of
/// the gateway. Only a request arriving from one of them may name its client with
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>; from anyone else those headers are ignored,
/// so per-address rate limits cannot be dodged by writing a header. Empty by default.
/// </summary>
internal static class TrustedProxiesSetup
{
    public const string SectionName = "Gateway:TrustedProxies";

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // One hop: the proxy's own view of its client. Deeper chains would need each hop trusted.
            options.ForwardLimit = 1;
            foreach (var entry in configuration.GetSection(SectionName).Get<string[]>() ?? [])
            {
                if (System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(entry, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else
                {
                    throw new InvalidOperationException($"{SectionName}: '{entry}' is neither an IP address nor a CIDR network.");
                }
            }
        });
        return builder;
    }

    /// <summary>
    /// Adds the forwarded-headers middleware only when proxies are configured: with empty lists the
    /// middleware would trust every sender.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
