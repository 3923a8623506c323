using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Infrastructure.OpenIddict;

/// <summary>
/// Lets validators and proxies keep the JWKS for a minute, as before OpenIddict served it: a rotated
/// key still appears within minutes, and a burst of validators starting together costs one answer.
/// </summary>
internal sealed class JwksCaching : IOpenIddictServerHandler<ApplyJsonWebKeySetResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyJsonWebKeySetResponseContext>()
        .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
        .UseSingletonHandler<JwksCaching>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyJsonWebKeySetResponseContext>.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyJsonWebKeySetResponseContext context)
    {
        if (context.Response.Error is null && context.Transaction.GetHttpRequest() is { } request)
        {
            request.HttpContext.Response.Headers.CacheControl = "public, max-age=60";
        }

        return ValueTask.CompletedTask;
    }
}
