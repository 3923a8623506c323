using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Health;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Auth;

public static class AuthenticationSetup
{
    public const string AccessTokenType = "at+jwt";

    /// <summary>
    /// The one token validation every service and the gateway use (RFC 8725): RS256 only, exact
    /// issuer and audience, lifetime with a small skew, <c>typ</c> at+jwt, keys from the JWKS.
    /// Every endpoint requires an authenticated caller unless it opts out explicitly.
    /// </summary>
    public static WebApplicationBuilder AddPlatformAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Revocation is part of validation, not an option: the list lives in Redis.
        builder.AddPlatformRedis();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformPolicies.Admin, policy => policy.RequireRole(PlatformRoles.Admin))
            .AddPolicy(PlatformPolicies.Reviewer, policy => policy.RequireRole(PlatformRoles.Reviewer, PlatformRoles.Admin))
            .AddPolicy(PlatformPolicies.Analyst, policy => policy.RequireRole(PlatformRoles.Analyst, PlatformRoles.Admin));
        return builder;
    }

    public static TokenValidationParameters CreateValidationParameters(AuthOptions auth) => new()
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = auth.Audience,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidTypes = [AccessTokenType],
        ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        NameClaimType = "sub",
        RoleClaimType = "role",
    };

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = CreateValidationParameters(auth);
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new ValidatedTokenCache(TimeProvider.System) { MapInboundClaims = false });
        jwt.Events = new JwtBearerEvents { OnTokenValidated = RejectRevokedAsync };
        // Within the identity service itself no JWKS address is set: it supplies its keys directly.
        if (!string.IsNullOrWhiteSpace(auth.JwksUri))
        {
            var uri = new Uri(auth.JwksUri);
            jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                auth.JwksUri,
                new JwksRetriever(auth.Issuer),
                new HttpDocumentRetriever { RequireHttps = uri.Scheme == Uri.UriSchemeHttps })
            {
                // A rotated key must be picked up quickly when a token names an unknown kid.
                RefreshInterval = TimeSpan.FromSeconds(30),
                AutomaticRefreshInterval = TimeSpan.FromMinutes(10),
            };
        }
    }

    // A valid signature is not enough once the user's sessions were ended (see IAccessTokenRevocation).
    private static async Task RejectRevokedAsync(TokenValidatedContext context)
    {
        var revocation = context.HttpContext.RequestServices.GetRequiredService<IAccessTokenRevocation>();
        var subject = context.Principal?.FindFirst("sub")?.Value;
        var stamp = context.Principal?.FindFirst(IAccessTokenRevocation.StampClaim)?.Value;
        if (subject is null || stamp is null)
        {
            return;
        }

        try
        {
            if (await revocation.IsRevokedAsync(subject, stamp, context.HttpContext.RequestAborted))
            {
                context.Fail("The access token has been revoked.");
            }
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-lookup: nobody is waiting for an answer, and it is not an error.
            context.Fail("The client closed the request.");
        }
    }
}

public static class PlatformPolicies
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer-or-admin";
    public const string Analyst = "analyst-or-admin";
}
