using System.Text.Json;
using Identity.Application;
using Identity.Application.Persistence;
using Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;

namespace Identity.Infrastructure;

/// <summary>
/// Creates the platform roles (always) and, when <c>Identity:DemoUsersFile</c> names a file, the demo
/// users in it. Only the local run scripts set that option; production configuration never does.
/// </summary>
internal sealed class IdentitySeeder(
    IdentityDb db, RoleManager<IdentityRole<Guid>> roles, UserManager<User> users, IOptions<IdentityServiceOptions> options,
    ILogger<IdentitySeeder> logger)
{
    private const long SeedLockKey = 0x1D3471_5EED_0001;

    public async Task SeedAsync()
    {
        // Replicas starting together would otherwise race to insert the same roles and users: the
        // check-then-insert below runs under a transaction-scoped advisory lock, one instance at a time.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", SeedLockKey);
        await SeedRolesAsync();
        if (options.Value.DemoUsersFile is { Length: > 0 } file)
        {
            await SeedDemoUsersAsync(file);
        }

        await transaction.CommitAsync();
    }

    private async Task SeedRolesAsync()
    {
        foreach (var role in PlatformRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var created = await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
                if (!created.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}.");
                }
            }
        }
    }

    private async Task SeedDemoUsersAsync(string file)
    {
        await using var stream = File.OpenRead(file);
        var demoUsers = await JsonSerializer.DeserializeAsync<List<DemoUser>>(stream, JsonOptions) ?? [];
        foreach (var demo in demoUsers)
        {
            if (await users.FindByEmailAsync(demo.Email) is { } existing)
            {
                await KeepPasswordAsync(existing, demo.Password);
                continue;
            }

            var user = User.Create(demo.Email, demo.DisplayName);
            var created = await users.CreateAsync(user, demo.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {demo.Email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, demo.Role);
            var now = DateTimeOffset.UtcNow;
            user.Registered([demo.Role], now);
            await db.SaveChangesAsync();
            logger.LogInformation("Created demo user {Email} with role {Role}.", demo.Email, demo.Role);
        }
    }

    // The file is the truth for demo users: a database seeded before a password changed there follows it,
    // so the documented logins keep working without resetting local data.
    private async Task KeepPasswordAsync(User user, string password)
    {
        if (await users.CheckPasswordAsync(user, password))
        {
            return;
        }

        // Inside the seeding transaction: removing and adding the password commit together.
        var reset = await users.RemovePasswordAsync(user);
        if (reset.Succeeded)
        {
            reset = await users.AddPasswordAsync(user, password);
        }

        if (!reset.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {user.Email}: {string.Join("; ", reset.Errors.Select(e => e.Description))}");
        }

        logger.LogInformation("Reset the password of demo user {Email} to the one in the demo users file.", user.Email);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record DemoUser(string Email, string Password, string DisplayName, string Role);
}
