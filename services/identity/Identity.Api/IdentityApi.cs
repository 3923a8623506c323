using Identity.Api.Endpoints;
using Identity.Application.Auth;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Identity.Infrastructure;
using Platform.Hosting;
using Platform.ServiceDefaults.OpenApi;

namespace Identity.Api;

internal static class IdentityApi
{
    public static readonly PlatformService Service = new("identity", IdentityDb.Schema)
    {
        Migrations = typeof(IdentityInfrastructure).Assembly,
        UseCases = typeof(SignInWithPassword).Assembly,
        Events = new IdentityEvents(),
        // Under /users so the gateway's users route reaches identity's outbox and error queues.
        AdminRoutePrefix = "/api/v1/users/admin",
        AfterMigrations = IdentityStartup.PrepareAsync,
    };

    public static WebApplicationBuilder AddIdentityApi(this WebApplicationBuilder builder)
    {
        builder.AddIdentityInfrastructure();
        // Every other service fetches the JWKS over HTTP; the issuer validates with the keys it holds.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<SigningKeyStore>((jwt, keys) =>
                jwt.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, keyId, _) => keys.ValidationKeys(keyId));
        builder.Services.DescribeOpenApiTags(
            ("Auth", "Sign-up, sign-in, token refresh and sign-out for the web front end (JSON), and the signed-in user's profile."),
            ("Tokens", "The OAuth 2.0 token endpoint (RFC 6749): form body in, RFC 6749 JSON out, errors included."),
            ("Discovery", "The OpenID discovery document and the JWKS with the public keys that sign access tokens."),
            ("Users", "User administration: admins only."),
            ("Settings", "The signed-in user's own settings: time zone, default portfolio, alert delivery."),
            ("Signing keys", "Token signing key rotation: admins only."));
        return builder;
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        app.MapTokenEndpoint();
        app.MapWellKnownEndpoints();
        app.MapAuthEndpoints();
        app.MapUserEndpoints();
        app.MapUserSettingsEndpoints();
        app.MapSigningKeyEndpoints();
        return app;
    }
}
