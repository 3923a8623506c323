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
            .AddPolicy(PlatformPolicies.Analyst, policy => policy.RequireRole(PlatformRoles.Analyst, PlatformRoles.Admin))
            .AddPolicy(PlatformPolicies.RiskManager, policy => policy.RequireRole(PlatformRoles.RiskManager, PlatformRoles.Admin))
            .AddPolicy(PlatformPolicies.LoanOfficer, policy => policy.RequireRole(PlatformRoles.LoanOfficer, PlatformRoles.Admin));
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

    // A valid signature is not enough: a user token must carry the security-stamp fingerprint and must
    // not be one the user's sessions ended with (see IAccessTokenRevocation); a service token (its
    // subject is its own client) must not carry a user role.
    private static async Task RejectRevokedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        var subject = principal?.FindFirst("sub")?.Value;
        if (subject is null)
        {
            context.Fail("The access token names no subject.");
            return;
        }

        if (subject == principal!.FindFirst("client_id")?.Value)
        {
            if (principal.HasClaim(c => c.Type == "role"))
            {
                context.Fail("A service token carries no user role.");
            }

            return;
        }

        if (principal.FindFirst(IAccessTokenRevocation.StampClaim)?.Value is not { Length: > 0 } stamp)
        {
            context.Fail("A user token must carry the security-stamp fingerprint.");
            return;
        }

        var revocation = context.HttpContext.RequestServices.GetRequiredService<IAccessTokenRevocation>();
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
    public const string RiskManager = "risk-manager-or-admin";
    public const string LoanOfficer = "loan-officer-or-admin";
}
