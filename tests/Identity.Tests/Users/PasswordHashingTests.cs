using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Identity.Domain;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identity.Tests.Users;

/// <summary>OWASP's Password Storage Cheat Sheet: PBKDF2-HMAC-SHA512 with 210,000 iterations, and older hashes upgraded at sign-in.</summary>
public sealed class PasswordHashingTests
{
    private const int OwaspIterations = 210_000;

    private static IdentityApiFactory Factory => IdentityService.Factory;

    /// <summary>ASP.NET Core Identity's V3 format: 0x01, then PRF, iteration count and salt length as big-endian uint32.</summary>
    private static (KeyDerivationPrf Prf, int Iterations) Parameters(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.That(bytes[0], Is.EqualTo(0x01), "V3 format marker");
        return ((KeyDerivationPrf)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)));
    }

    private static async Task<string> StoredHashAsync(Guid userId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByIdAsync(userId.ToString());
        return user!.PasswordHash!;
    }

    [Test]
    public async Task Register_StoresAHashOf210000IterationsOfHmacSha512()
    {
        var email = IdentityApiFactory.NewEmail("hash");
        using var client = Factory.CreateClient();

        var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = IdentityApiFactory.Password, displayName = "Hash Person" });

        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        var id = (await registered.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        Assert.That(Parameters(await StoredHashAsync(id)), Is.EqualTo((KeyDerivationPrf.HMACSHA512, OwaspIterations)));
    }

    [Test]
    public async Task Login_WithAHashOfFewerIterations_SignsInAndRehashesAt210000()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail("legacy"), "analyst");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            var legacy = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
            stored!.PasswordHash = legacy.HashPassword(stored, IdentityApiFactory.Password);
            Assert.That((await users.UpdateAsync(stored)).Succeeded, Is.True);
        }

        Assert.That(Parameters(await StoredHashAsync(user.Id)), Is.EqualTo((KeyDerivationPrf.HMACSHA512, 100_000)), "the legacy hash is stored");

        using var client = Factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityApiFactory.Password });

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), await login.Content.ReadAsStringAsync());
        Assert.That((await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString(), Is.Not.Empty);
        Assert.That(Parameters(await StoredHashAsync(user.Id)), Is.EqualTo((KeyDerivationPrf.HMACSHA512, OwaspIterations)), "rehashed at sign-in");

        var again = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityApiFactory.Password });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the upgraded hash verifies");
    }
}
