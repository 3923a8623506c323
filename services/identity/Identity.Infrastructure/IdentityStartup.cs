using Identity.Application.Tokens;
using Identity.Infrastructure.OpenIddict;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Infrastructure;

public static class IdentityStartup
{
    /// <summary>After the migrations: roles and demo users, signing keys, then the OAuth clients.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync();
        }

        await app.Services.GetRequiredService<SigningKeyStore>().InitializeAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientRegistry>().SyncAsync();
        }
    }
}
