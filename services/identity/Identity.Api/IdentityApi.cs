using Identity.Api.Endpoints;
using Identity.Application.Auth;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Platform.Messaging;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Health;

namespace Identity.Api;

internal static class IdentityApi
{
    public static WebApplicationBuilder AddIdentityApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddUseCases(typeof(SignInWithPassword).Assembly);
        builder.AddPlatformRedis();
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
        // Identity's own outbox (user events) and error queues; under /users so the gateway's users route reaches it.
        app.MapMessagingAdmin<IdentityDb>("/api/v1/users/admin");
        return app;
    }
}
