using Platform.ServiceDefaults.Auth;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Infrastructure.OpenIddict;

/// <summary>
/// Every validator compares <c>iss</c> with the configured issuer string, exactly (RFC 8725). OpenIddict
/// writes the issuer as a normalised URI, which adds a trailing slash to a bare origin; these handlers
/// put the configured string back in tokens and in the discovery document.
/// </summary>
internal static class ExactIssuer
{
    public sealed class InTokens(IOptions<AuthOptions> audience) : IOpenIddictServerHandler<GenerateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<InTokens>()
            .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(GenerateTokenContext context)
        {
            var issuer = audience.Value.Issuer;
            context.Principal?.SetClaim(Claims.Private.Issuer, issuer);
            if (context.SecurityTokenDescriptor is { } descriptor)
            {
                descriptor.Issuer = issuer;
            }

            return ValueTask.CompletedTask;
        }
    }

    public sealed class InDiscovery(IOptions<AuthOptions> audience) : IOpenIddictServerHandler<ApplyConfigurationResponseContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyConfigurationResponseContext>()
            .UseSingletonHandler<InDiscovery>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ApplyConfigurationResponseContext context)
        {
            if (context.Response.Error is not null)
            {
                return ValueTask.CompletedTask;
            }

            // Endpoints are advertised under the public issuer, not the host this request reached
            // (identity's internal address, behind the gateway).
            var issuer = audience.Value.Issuer.TrimEnd('/');
            context.Response[Metadata.Issuer] = audience.Value.Issuer;
            foreach (var (name, value) in context.Response.GetParameters().ToList())
            {
                if ((name.EndsWith("_endpoint", StringComparison.Ordinal) || name == Metadata.JwksUri) &&
                    Uri.TryCreate((string?)value, UriKind.Absolute, out var uri))
                {
                    context.Response[name] = issuer + uri.PathAndQuery;
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
