using System.Security.Cryptography;
using System.Text;
using Identity.Domain;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;

namespace Identity.Application.Tokens;

/// <summary>Checks a client id (and secret, for confidential clients) against the configured clients and their grants.</summary>
public sealed class ClientAuthenticator(IOptions<IdentityServiceOptions> options)
{
    /// <summary>The client the JSON sign-in endpoints act for: the platform's own web front end.</summary>
    public const string WebClientId = "platform-web";

    public Result<ClientOptions> Authenticate(string? clientId, string? secret, string grantType)
    {
        var client = options.Value.Clients.FirstOrDefault(c => c.ClientId == (clientId ?? WebClientId));
        if (client is null || !SecretMatches(client, secret))
        {
            return IdentityErrors.InvalidClient;
        }

        return client.AllowedGrants.Contains(grantType) ? client : IdentityErrors.UnauthorizedClient;
    }

    private static bool SecretMatches(ClientOptions client, string? presented)
    {
        if (string.IsNullOrEmpty(client.Secret))
        {
            // Public clients must not send a secret they do not have. The configuration check at
            // start-up refuses public clients with the client_credentials grant.
            return string.IsNullOrEmpty(presented);
        }

        if (presented is null)
        {
            return false;
        }

        // Compare fixed-length digests so timing reveals nothing about the secret's length or content.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(client.Secret)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}
