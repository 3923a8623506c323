using Identity.Api.Endpoints;
using Identity.Application.Auth;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Platform.Messaging;
using Platform.ServiceDefaults.Application;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.OpenApi;

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
        builder.Services.DescribeOpenApiTags(
            ("Auth", "Sign-up, sign-in, token refresh and sign-out for the web front end (JSON), and the signed-in user's profile."),
            ("Tokens", "The OAuth 2.0 token endpoint (RFC 6749): form body in, RFC 6749 JSON out, errors included."),
            ("Discovery", "The OpenID discovery document and the JWKS with the public keys that sign access tokens."),
            ("Users", "User administration: admins only."),
            ("Signing keys", "Token signing key rotation: admins only."));
        builder.Services.DescribeMessagingAdminOpenApi();
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
