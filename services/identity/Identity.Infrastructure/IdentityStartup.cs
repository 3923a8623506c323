using Identity.Application.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Infrastructure;

public static class IdentityStartup
{
    /// <summary>After the migrations: roles and demo users, then signing keys.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync();
        }

        await app.Services.GetRequiredService<SigningKeyStore>().InitializeAsync();
    }
}
