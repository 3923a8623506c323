using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Persistence;

namespace Identity.Infrastructure;

public static class IdentityStartup
{
    /// <summary>Migrations (or only them, with --migrate-only), roles and demo users, signing keys. Returns whether to serve.</summary>
    public static async Task<bool> PrepareAsync(this WebApplication app, string[] args)
    {
        if (!await app.MigrateAsync<IdentityDb>(args))
        {
            return false;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync();
        }

        await app.Services.GetRequiredService<SigningKeyStore>().InitializeAsync();
        return true;
    }
}
