using Identity.Application.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Identity.Infrastructure.OpenIddict;

/// <summary>
/// Hands OpenIddict the keys of <see cref="SigningKeyStore"/>: the active key first (the one it signs
/// with), then the retired keys still published, so its JWKS lists every key a live token may name. The
/// store's change token rebuilds OpenIddict's options on every rotation, here or on another replica,
/// so no restart is needed.
/// </summary>
internal sealed class SigningKeysForOpenIddict(SigningKeyStore keys)
    : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => keys.Watch();

    public void Configure(OpenIddictServerOptions options)
    {
        if (!keys.IsLoaded)
        {
            // Before start-up loaded the keys nothing can be issued; OpenIddict's own check says so.
            return;
        }

        var current = keys.Current;
        options.SigningCredentials.Add(current.Active);
        foreach (var retired in current.Published.Where(key => key.KeyId != current.Active.Key.KeyId))
        {
            options.SigningCredentials.Add(new SigningCredentials(retired, SecurityAlgorithms.RsaSha256));
        }
    }
}
