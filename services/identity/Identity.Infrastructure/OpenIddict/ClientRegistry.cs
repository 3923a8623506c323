using Identity.Application;
using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Infrastructure.OpenIddict;

/// <summary>
/// Makes OpenIddict's application store hold exactly the configured clients: created or updated from
/// configuration at start-up, and removed (with their tokens) when configuration no longer lists them.
/// Each client is permitted exactly its configured grants, scopes and redirect URIs.
/// </summary>
internal sealed class ClientRegistry(
    IdentityDb db, IOpenIddictApplicationManager applications, IOptions<IdentityServiceOptions> options, ILogger<ClientRegistry> logger)
{
    private const long RegistryLockKey = 0x1D3471_C11E_0001;

    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [RegistryLockKey], cancellationToken);
        var configured = options.Value.Clients.ToDictionary(client => client.ClientId, StringComparer.Ordinal);
        // Read them all first: deleting while the list is still being read would need a second command on the connection.
        var registered = new List<object>();
        await foreach (var application in applications.ListAsync(cancellationToken: cancellationToken))
        {
            registered.Add(application);
        }

        foreach (var application in registered)
        {
            var clientId = await applications.GetClientIdAsync(application, cancellationToken);
            if (clientId is null || !configured.ContainsKey(clientId))
            {
                await applications.DeleteAsync(application, cancellationToken);
                logger.LogWarning("Removed OAuth client {ClientId}: configuration no longer lists it.", clientId);
            }
        }

        foreach (var client in configured.Values)
        {
            var descriptor = Describe(client);
            if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                logger.LogInformation("Registered OAuth client {ClientId}.", client.ClientId);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static OpenIddictApplicationDescriptor Describe(ClientOptions client)
    {
        var confidential = !string.IsNullOrEmpty(client.Secret);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = confidential ? client.Secret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = client.DisplayName ?? client.ClientId,
            // Clients are registered by the platform's operators; a third-party one still asks the user.
            ConsentType = client.RequireConsent ? ConsentTypes.Explicit : ConsentTypes.Implicit,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (confidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        foreach (var grant in client.AllowedGrants)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
        }

        if (client.AllowedGrants.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        foreach (var scope in client.AllowedScopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var uri in client.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        return descriptor;
    }
}
