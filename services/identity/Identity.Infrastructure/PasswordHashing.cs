using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Infrastructure;

/// <summary>
/// Password hashes to OWASP's Password Storage Cheat Sheet: PBKDF2-HMAC-SHA512 (ASP.NET Core Identity's
/// V3 format) with 210,000 iterations. A hash made with fewer iterations still verifies, and the
/// user manager rewrites it with these settings at the next successful sign-in (SuccessRehashNeeded).
/// </summary>
internal static class PasswordHashing
{
    public const int IterationCount = 210_000;

    public static IServiceCollection AddPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(options =>
        {
            options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            options.IterationCount = IterationCount;
        });
}
