using Identity.Api.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Identity.Api.OpenIddict;
using Identity.Api.SignIn;
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
        builder.Services.AddOpenIddict().AddServer(server => server.AddFirstPartyJsonTokens());
        var https = builder.Configuration["Auth:Issuer"]?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true;
        var sessionMinutes = builder.Configuration.GetValue("Identity:SignInSessionMinutes", 30);
        builder.Services.AddAuthentication().AddCookie(SignInCookie.Scheme, cookie => SignInCookie.Configure(cookie, sessionMinutes, https));
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "platform.antiforgery";
            antiforgery.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });
        // Every other service fetches the JWKS over HTTP; the issuer validates with the keys it holds.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<SigningKeyStore>((jwt, keys) =>
                jwt.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, keyId, _) => keys.ValidationKeys(keyId));
        builder.Services.Configure<OpenApiOptions>("v1", openApi => openApi.AddDocumentTransformer<DiscoveryDocumentation>());
        builder.Services.DescribeOpenApiTags(
            ("Auth", "Sign-up, sign-in, token refresh and sign-out for the web front end (JSON), and the signed-in user's profile."),
            ("Tokens", "The OAuth 2.0 token endpoint (RFC 6749): form body in, RFC 6749 JSON out, errors included. Discovery (/.well-known/openid-configuration), the JWKS (/.well-known/jwks.json), authorize, userinfo, revocation, introspection and end-session follow OpenID Connect and are described by the discovery document."),
            ("Users", "User administration: admins only."),
            ("Settings", "The signed-in user's own settings: time zone, default portfolio, alert delivery."),
            ("Signing keys", "Token signing key rotation: admins only."));
        return builder;
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        app.MapTokenEndpoint();
        app.MapConnectEndpoints();
        app.MapSignInPage();
        app.MapAuthEndpoints();
        app.MapUserEndpoints();
        app.MapUserSettingsEndpoints();
        app.MapSigningKeyEndpoints();
        return app;
    }
}
