using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Infrastructure.OpenIddict;

/// <summary>
/// The password grant exists only for the platform's own web front end (RFC 9700 forbids it for every
/// other client, and the client permissions enforce that), so discovery does not offer it to anyone.
/// </summary>
internal sealed class HidePasswordGrant : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<HidePasswordGrant>()
        .SetOrder(OpenIddictServerHandlers.Discovery.AttachGrantTypes.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.GrantTypes.Remove(GrantTypes.Password);
        return ValueTask.CompletedTask;
    }
}
