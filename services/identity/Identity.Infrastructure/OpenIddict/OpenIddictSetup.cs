using System.Security.Cryptography;
using System.Text;
using Identity.Application;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Infrastructure.OpenIddict;

/// <summary>
/// Identity's OpenID Connect provider. OpenIddict's defaults are changed where they would break the
/// platform: access tokens are signed JWTs, not encrypted (every service validates them with the
/// standard JwtBearer handler); a redeemed refresh token is refused at once (no 30 s leeway) and ends
/// its whole authorization; <c>iss</c> is exactly the configured issuer; the JWKS stays at
/// <c>/.well-known/jwks.json</c>; PKCE is required and only S256 accepted.
/// </summary>
public static class OpenIddictSetup
{
    public static class Paths
    {
        public const string Authorize = "/connect/authorize";
        public const string Token = "/connect/token";
        public const string Introspect = "/connect/introspect";
        public const string Revoke = "/connect/revoke";
        public const string UserInfo = "/connect/userinfo";
        public const string EndSession = "/connect/endsession";
        public const string Jwks = "/.well-known/jwks.json";

        /// <summary>The first-party JSON sign-in and refresh: OpenIddict token requests in another shape.</summary>
        public const string JsonLogin = "/api/v1/auth/login";
        public const string JsonRefresh = "/api/v1/auth/refresh";
    }

    public static WebApplicationBuilder AddOpenIddictProvider(this WebApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection(IdentityServiceOptions.SectionName).Get<IdentityServiceOptions>() ?? new();
        var audience = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDb>().ReplaceDefaultEntities<Guid>())
            .AddServer(server =>
            {
                if (Uri.TryCreate(audience.Issuer, UriKind.Absolute, out var issuer))
                {
                    server.SetIssuer(issuer);
                }

                server.SetAuthorizationEndpointUris(Relative(Paths.Authorize))
                    .SetTokenEndpointUris(Relative(Paths.Token), Relative(Paths.JsonLogin), Relative(Paths.JsonRefresh))
                    .SetIntrospectionEndpointUris(Relative(Paths.Introspect))
                    .SetRevocationEndpointUris(Relative(Paths.Revoke))
                    .SetUserInfoEndpointUris(Relative(Paths.UserInfo))
                    .SetEndSessionEndpointUris(Relative(Paths.EndSession))
                    .SetJsonWebKeySetEndpointUris(Relative(Paths.Jwks));

                server.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowPasswordFlow();

                server.RegisterScopes([.. PlatformScopes.OpenIdConnect, .. identity.Clients.SelectMany(c => c.AllowedScopes).Distinct()]);
                server.RegisterClaims(Claims.Subject, Claims.Email, Claims.Name, Claims.Role);

                server.DisableAccessTokenEncryption();
                // Refresh tokens are random handles whose payload stays in the database: short, and
                // findable for a sign-out that names one.
                server.UseReferenceRefreshTokens();
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(identity.AccessTokenMinutes))
                    .SetIdentityTokenLifetime(TimeSpan.FromMinutes(identity.AccessTokenMinutes))
                    .SetRefreshTokenLifetime(TimeSpan.FromDays(identity.RefreshTokenDays))
                    .SetAuthorizationCodeLifetime(TimeSpan.FromSeconds(identity.AuthorizationCodeSeconds));
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                server.AddEventHandler(ExactIssuer.InTokens.Descriptor)
                    .AddEventHandler(ExactIssuer.InDiscovery.Descriptor)
                    .AddEventHandler(HidePasswordGrant.Descriptor)
                    .AddEventHandler(JwksCaching.Descriptor);

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends at the gateway; identity sees plain HTTP from it (the issuer is https in production).
                    .DisableTransportSecurityRequirement();
            });

        // Codes and refresh-token payloads are encrypted with a key every replica derives from the
        // signing-key passphrase: nothing more to store, and it changes with the passphrase.
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<IdentityServiceOptions>>((server, options) =>
            server.EncryptionCredentials.Add(new EncryptingCredentials(
                new SymmetricSecurityKey(DeriveEncryptionKey(options.Value.SigningKeyPassphrase)),
                SecurityAlgorithms.Aes256KW,
                SecurityAlgorithms.Aes256CbcHmacSha512)));
        builder.Services.AddSingleton<SigningKeysForOpenIddict>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<SigningKeysForOpenIddict>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<SigningKeysForOpenIddict>());
        builder.Services.AddScoped<ClientRegistry>();
        builder.Services.AddHostedService<GrantPruning>();
        return builder;
    }

    public static byte[] DeriveEncryptionKey(string passphrase) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(passphrase), 32, info: "platform-identity openiddict token encryption"u8.ToArray());

    private static string Relative(string path) => path.TrimStart('/');
}
