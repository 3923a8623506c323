using Identity.Application;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Identity.Application.Users;
using Identity.Domain;
using Identity.Infrastructure.OpenIddict;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Persistence;
using Platform.SharedKernel;

namespace Identity.Infrastructure;

public static class IdentityInfrastructure
{
    /// <summary>What identity adds to the platform's composition: ASP.NET Core Identity, token machinery and its background jobs.</summary>
    public static WebApplicationBuilder AddIdentityInfrastructure(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityServiceOptions>()
            .Bind(builder.Configuration.GetSection(IdentityServiceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityServiceOptions>, ClientRulesValidation>();

        var identity = builder.Configuration.GetSection(IdentityServiceOptions.SectionName).Get<IdentityServiceOptions>() ?? new();
        builder.Services
            .AddIdentityCore<User>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition (NIST SP 800-63B): long passphrases beat forced symbols.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = identity.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(identity.LockoutMinutes);
            })
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdentityDb>();
        builder.Services.AddPasswordHashing();

        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddScoped<TokenPrincipals>();
        builder.Services.AddScoped<UserGrants>();
        builder.Services.AddScoped<RefreshTokenRedemption>();
        builder.Services.AddScoped<SessionRevoker>();
        builder.Services.AddSingleton<SessionRevocationSignal>();
        builder.Services.AddHostedService<SessionRevocationRelay>();
        // Identity checks tokens against its own database as well as the shared copy of the list.
        builder.Services.AddMemoryCache();
        builder.Services.Replace(ServiceDescriptor.Scoped<IAccessTokenRevocation, DatabaseTokenRevocation>());
        builder.Services.AddHostedService<SigningKeyMaintenance>();
        builder.Services.AddScoped<IdentitySeeder>();
        builder.AddOpenIddictProvider();
        // The sign-in cookie and anti-forgery tokens must read the same on every replica.
        builder.Services.AddDataProtection().SetApplicationName("platform-identity").PersistKeysToDbContext<IdentityDb>();
        KeyRingEncryption.Use(builder.Services);
        return builder;
    }
}
