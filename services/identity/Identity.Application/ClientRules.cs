using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Application;

/// <summary>What a client registration must respect; start-up refuses configuration that breaks any rule.</summary>
public static class ClientRules
{
    private static readonly HashSet<string> KnownGrants =
        [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials, GrantTypes.Password];

    public static IReadOnlyList<string> Problems(IReadOnlyList<ClientOptions> clients)
    {
        var problems = new List<string>();
        foreach (var duplicate in clients.GroupBy(c => c.ClientId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Client id {duplicate.Key} is registered twice.");
        }

        if (clients.Count(c => c.FirstParty) > 1)
        {
            problems.Add("Only one client can be the first-party client.");
        }

        foreach (var client in clients)
        {
            var name = client.ClientId;
            var confidential = !string.IsNullOrEmpty(client.Secret);
            problems.AddRange(client.AllowedGrants.Where(g => !KnownGrants.Contains(g)).Select(g => $"{name}: unknown grant {g}."));
            if (client.AllowedGrants.Contains(GrantTypes.ClientCredentials) && !confidential)
            {
                problems.Add($"{name}: client_credentials needs a secret, or anyone could obtain its tokens.");
            }

            if (client.AllowedGrants.Contains(GrantTypes.Password) && !client.FirstParty)
            {
                problems.Add($"{name}: only the first-party client may use the password grant (RFC 9700).");
            }

            if (client.AllowedGrants.Contains(GrantTypes.AuthorizationCode) && client.RedirectUris.Count == 0)
            {
                problems.Add($"{name}: the code flow needs at least one redirect URI.");
            }

            problems.AddRange(client.RedirectUris.Concat(client.PostLogoutRedirectUris)
                .Where(uri => !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Fragment.Length > 0)
                .Select(uri => $"{name}: {uri} is not an absolute URI without a fragment."));
        }

        return problems;
    }
}

/// <summary>Refuses to start with client registrations that break <see cref="ClientRules"/>, naming each problem.</summary>
public sealed class ClientRulesValidation : Microsoft.Extensions.Options.IValidateOptions<IdentityServiceOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, IdentityServiceOptions options) =>
        ClientRules.Problems(options.Clients) is { Count: > 0 } problems
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
