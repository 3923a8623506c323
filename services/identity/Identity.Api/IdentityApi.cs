using Identity.Api.Endpoints;
using Identity.Application.Auth;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Identity.Infrastructure;
using Platform.Hosting;

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
        return builder;
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        app.MapTokenEndpoint();
        app.MapWellKnownEndpoints();
        app.MapAuthEndpoints();
        app.MapUserEndpoints();
        app.MapSigningKeyEndpoints();
        return app;
    }
}
